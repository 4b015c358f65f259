package no.xsoffice.mail.send;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what is accepted, and how the outbox delivers it. */
@ConfigMapping(prefix = "mail")
public interface SendConfig {

    Send send();

    Delivery delivery();

    Retention retention();

    interface Send {
        int DEFAULT_MAX_RECIPIENTS = 100;
        int DEFAULT_MAX_ATTACHMENTS = 20;

        /** Most recipients (to, cc and bcc together) per message ({@code MAIL_SEND_MAX_RECIPIENTS}). */
        @WithDefault("" + DEFAULT_MAX_RECIPIENTS)
        int maxRecipients();

        /**
         * Largest message in bytes, counted as its sender does: text, HTML and the attachments' own bytes
         * ({@code MAIL_SEND_MAX_BYTES}; 25 MB). Encoded for sending it is about a third larger.
         */
        @WithDefault("26214400")
        long maxBytes();

        /**
         * Bytes of send requests one replica reads at once; more at the same time are answered 503 with Retry-After
         * ({@code MAIL_SEND_MAX_BYTES_IN_FLIGHT}; sized for a 768 MiB container).
         */
        @WithDefault("83886080")
        long maxBytesInFlight();

        /** Most attachments per message ({@code MAIL_SEND_MAX_ATTACHMENTS}). */
        @WithDefault("" + DEFAULT_MAX_ATTACHMENTS)
        int maxAttachments();

        /** Domain of generated Message-IDs ({@code MAIL_SEND_MESSAGE_ID_DOMAIN}). */
        @WithDefault("mail.xs-office.no")
        String messageIdDomain();
    }

    interface Delivery {
        /** Wait before the first retry; doubled each time ({@code MAIL_DELIVERY_BACKOFF_INITIAL}). */
        @WithDefault("5m")
        Duration backoffInitial();

        /** Longest wait between retries ({@code MAIL_DELIVERY_BACKOFF_MAX}). */
        @WithDefault("1h")
        Duration backoffMax();

        /** A message still not delivered this long after acceptance fails ({@code MAIL_DELIVERY_MAX_AGE}). */
        @WithDefault("5d")
        Duration maxAge();

        /** Dispatcher threads per replica, each claiming its own batches ({@code MAIL_DELIVERY_THREADS}). */
        @WithDefault("4")
        int threads();

        /** Messages one dispatcher claims at a time ({@code MAIL_DELIVERY_BATCH_SIZE}). */
        @WithDefault("50")
        int batchSize();

        /**
         * How long a claim lasts, at least three deadlines: a delivery may wait for room and for a connection, each
         * up to the deadline, before its own deadline starts; a crashed replica's claims return to the queue after
         * it, or sooner by its missing heartbeat ({@code MAIL_DELIVERY_LEASE}).
         */
        @WithDefault("1h")
        Duration lease();

        /**
         * Overall deadline of one delivery, connection and all, within which every SMTP stage has its own timeout;
         * it leaves room for the RFC's 10-minute wait for the reply to the message ({@code MAIL_DELIVERY_DEADLINE}).
         */
        @WithDefault("15m")
        Duration deadline();

        /** On shutdown, how long deliveries in flight may finish before their claims are released ({@code MAIL_DELIVERY_SHUTDOWN_GRACE}). */
        @WithDefault("20s")
        Duration shutdownGrace();

        /** How often an idle dispatcher looks for due messages ({@code MAIL_DELIVERY_POLL_INTERVAL}). */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long a woken dispatcher, and the recorder, wait for more mail before they go to the database, so
         * that one claim and one record take many messages ({@code MAIL_DELIVERY_LINGER}).
         */
        @WithDefault("50ms")
        Duration linger();

        /**
         * Bytes of message bodies one replica holds for delivery at once; a message waits for room before its body
         * is read ({@code MAIL_DELIVERY_MAX_BYTES_IN_FLIGHT}; sized for a 768 MiB container).
         */
        @WithDefault("134217728")
        long maxBytesInFlight();

        /** How often a replica tells the others it is alive ({@code MAIL_DELIVERY_HEARTBEAT_INTERVAL}). */
        @WithDefault("5s")
        Duration heartbeatInterval();

        /**
         * A replica silent this long is taken for dead and its claims return to the queue; the lease stays the
         * last resort ({@code MAIL_DELIVERY_REPLICA_TIMEOUT}).
         */
        @WithDefault("30s")
        Duration replicaTimeout();
    }

    interface Retention {
        /** How long after it is final a message's body is kept ({@code MAIL_RETENTION_BODY}). */
        @WithDefault("30d")
        Duration body();

        /** How long after it is final a message, its attempts and recipients are kept ({@code MAIL_RETENTION_MESSAGE}). */
        @WithDefault("400d")
        Duration message();
    }
}
