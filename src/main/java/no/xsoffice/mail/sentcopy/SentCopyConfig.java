package no.xsoffice.mail.sentcopy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The job that files a copy of sent mail in the mailbox's Sent folder ({@code MAIL_SENT_COPY_*}). */
@ConfigMapping(prefix = "mail.sent-copy")
public interface SentCopyConfig {

    /** How often each replica looks for copies to file ({@code MAIL_SENT_COPY_POLL_INTERVAL}). */
    @WithDefault("5s")
    Duration pollInterval();

    /** Tries before a copy is FAILED; a refused sign-in fails at once ({@code MAIL_SENT_COPY_TRIES}). */
    @WithDefault("3")
    int tries();

    /** Wait before the second try, doubled before each further one ({@code MAIL_SENT_COPY_BACKOFF}). */
    @WithDefault("1m")
    Duration backoff();

    /** How long a replica's claim on a copy lasts before another replica may take it ({@code MAIL_SENT_COPY_LEASE}). */
    @WithDefault("5m")
    Duration lease();

    /** Copies claimed at once by one replica ({@code MAIL_SENT_COPY_BATCH_SIZE}). */
    @WithDefault("10")
    int batchSize();
}
