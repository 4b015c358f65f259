package no.xsoffice.mail.suppression;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When bounces put an address on the suppression list, and for how long. */
@ConfigMapping(prefix = "mail.suppression")
public interface SuppressionConfig {

    /** Soft bounces of one address within {@link #softWindow()} that suppress it ({@code MAIL_SUPPRESSION_SOFT_BOUNCES}). */
    @WithDefault("3")
    int softBounces();

    /** How far back soft bounces count ({@code MAIL_SUPPRESSION_SOFT_WINDOW}). */
    @WithDefault("7d")
    Duration softWindow();

    /** How long a suppression after soft bounces lasts ({@code MAIL_SUPPRESSION_SOFT_EXPIRY}). */
    @WithDefault("30d")
    Duration softExpiry();

    /** How often each replica refreshes the sending-health gauges ({@code MAIL_SUPPRESSION_HEALTH_INTERVAL}). */
    @WithDefault("60s")
    Duration healthInterval();

    /** The first refresh after start-up ({@code MAIL_SUPPRESSION_HEALTH_DELAY}). */
    @WithDefault("30s")
    Duration healthDelay();
}
