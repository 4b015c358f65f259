package no.xsoffice.mail.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How delivery events reach their webhook endpoints. */
@ConfigMapping(prefix = "mail.webhook")
public interface WebhookConfig {

    /** Time to open a connection to a receiver ({@code MAIL_WEBHOOK_CONNECT_TIMEOUT}). */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time for a receiver to answer one request ({@code MAIL_WEBHOOK_REQUEST_TIMEOUT}). */
    @WithDefault("10s")
    Duration requestTimeout();

    /** First wait after a failed attempt; doubled each time up to the maximum ({@code MAIL_WEBHOOK_BACKOFF_INITIAL}). */
    @WithDefault("30s")
    Duration backoffInitial();

    /** Longest wait between attempts ({@code MAIL_WEBHOOK_BACKOFF_MAX}). */
    @WithDefault("1h")
    Duration backoffMax();

    /** How long an event is tried before it is marked failed ({@code MAIL_WEBHOOK_RETRY_FOR}). */
    @WithDefault("24h")
    Duration retryFor();

    /** How long a replica holds a claimed event before another may send it ({@code MAIL_WEBHOOK_LEASE}). */
    @WithDefault("60s")
    Duration lease();

    /** How often each replica looks for due events ({@code MAIL_WEBHOOK_POLL_INTERVAL}). */
    @WithDefault("2s")
    String pollInterval();

    /** How long after start-up the first look is ({@code MAIL_WEBHOOK_POLL_DELAY}). */
    @WithDefault("5s")
    String pollDelay();

    /** Events claimed at once by one replica ({@code MAIL_WEBHOOK_BATCH_SIZE}). */
    @WithDefault("50")
    int batchSize();
}
