package no.xsoffice.mail.settings;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whether users' settings are held in memory between changes, and how often the change channel is checked. */
@ConfigMapping(prefix = "mail.settings-cache")
public interface SettingsCacheConfig {

    /** Holds read settings until PostgreSQL announces a change; off, every read goes to the database ({@code MAIL_SETTINGS_CACHE_ENABLED}). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often the listening connection proves it still hears announcements; one unanswered for this long
     * empties the cache until it is reconnected ({@code MAIL_SETTINGS_CACHE_PROBE_INTERVAL}).
     */
    @WithDefault("5s")
    Duration probeInterval();
}
