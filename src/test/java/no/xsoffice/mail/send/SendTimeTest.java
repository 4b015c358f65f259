package no.xsoffice.mail.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import no.xsoffice.mail.problem.ProblemException;

/** What a sendAt means: now, a later time, or a 400 naming the field. */
class SendTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void shouldSendNowWithoutSendAt() {
        assertEquals(SendTime.NOW, SendTime.of(null, NOW));
        assertEquals(MessageStatus.QUEUED, SendTime.NOW.status());
    }

    @Test
    void shouldSendNowForATimeInThePastOrWithinASecond() {
        assertEquals(SendTime.NOW, SendTime.of("2026-11-30T10:00:00Z", NOW));
        assertEquals(SendTime.NOW, SendTime.of("2026-12-01T10:00:00.999Z", NOW));
        assertEquals(SendTime.NOW, SendTime.of("2026-12-01T10:00:01Z", NOW));
    }

    @Test
    void shouldScheduleATimeMoreThanASecondAhead() {
        SendTime time = SendTime.of("2026-12-01T10:00:01.5Z", NOW);
        assertEquals(Instant.parse("2026-12-01T10:00:01.5Z"), time.later());
        assertEquals(MessageStatus.SCHEDULED, time.status());
    }

    @Test
    void shouldReadTheOffsetOfTheTime() {
        assertEquals(Instant.parse("2026-12-01T11:00:00Z"), SendTime.of("2026-12-01T12:00:00+01:00", NOW).later());
        assertEquals(Instant.parse("2026-12-01T11:00:00Z"), SendTime.of("2026-12-01t11:00:00z", NOW).later());
    }

    @Test
    void shouldAcceptThirtyDaysAheadAndNotOneSecondMore() {
        Instant limit = NOW.plus(Duration.ofDays(30));
        assertEquals(limit, SendTime.of(limit.toString(), NOW).later());
        assertEquals("sendAt", refused(limit.plusSeconds(1).toString()).errors.get(0).field());
    }

    @Test
    void shouldRefuseATimeWithoutOffsetOrThatIsNoTimeAtAll() {
        for (String sendAt : new String[] { "2026-12-01T12:00:00", "2026-12-01", "i morgen", "", "1764583200",
                "2026-13-01T12:00:00Z" }) {
            ProblemException problem = refused(sendAt);
            assertEquals(400, problem.status, sendAt);
            assertEquals("sendAt", problem.errors.get(0).field(), sendAt);
        }
    }

    @Test
    void shouldKeepMicrosecondsAsTheDatabaseDoes() {
        assertNull(SendTime.of("2026-12-01T09:00:00.123456789Z", NOW).later());
        assertEquals(Instant.parse("2026-12-01T11:00:00.123456Z"),
                SendTime.of("2026-12-01T11:00:00.123456789Z", NOW).later());
    }

    private static ProblemException refused(String sendAt) {
        return assertThrows(ProblemException.class, () -> SendTime.of(sendAt, NOW));
    }
}
