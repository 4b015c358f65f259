package no.xsoffice.mail.send;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import no.xsoffice.mail.problem.ProblemException;

/**
 * When the sender wants a message to go ({@code sendAt}): now, or a later time up to 30 days ahead. A time
 * in the past, or less than a second ahead, means now: clocks differ by that much, and a sender who asks
 * for "now" must not see the message wait.
 *
 * @param later the time to send at, or null for now
 */
record SendTime(Instant later) {

    static final Duration MAX_AHEAD = Duration.ofDays(30);
    static final Duration NOW_WITHIN = Duration.ofSeconds(1);
    static final SendTime NOW = new SendTime(null);

    static SendTime of(String sendAt, Instant now) {
        if (sendAt == null) {
            return NOW;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(sendAt, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("sendAt",
                    "must be an RFC 3339 date and time with its offset, e.g. 2026-12-01T08:00:00+01:00");
        }
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            throw ProblemException.invalid("sendAt", "must be at most 30 days ahead");
        }
        return at.isAfter(now.plus(NOW_WITHIN)) ? new SendTime(at.truncatedTo(ChronoUnit.MICROS)) : NOW;
    }

    /** A scheduled message waits as SCHEDULED; one for now is QUEUED at once. */
    MessageStatus status() {
        return later == null ? MessageStatus.QUEUED : MessageStatus.SCHEDULED;
    }
}
