package no.xsoffice.mail.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The retention periods a replica refuses to start with. */
class RetentionPeriodsTest {

    @Test
    void shouldStartWithTheDefaultsAndWithADay() {
        assertDoesNotThrow(() -> OutboxRetention.checkPeriods(Duration.ofDays(30), Duration.ofDays(400)));
        assertDoesNotThrow(() -> OutboxRetention.checkPeriods(Duration.ZERO, Duration.ofHours(24)));
    }

    @Test
    void shouldRefuseAMessagePeriodShorterThanTheLifeOfAnIdempotencyKey() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> OutboxRetention.checkPeriods(Duration.ofHours(1), Duration.ofHours(23)));
        assertThat(refused.getMessage()).contains("MAIL_RETENTION_MESSAGE");
    }

    @Test
    void shouldRefuseANegativeBodyPeriod() {
        assertThrows(IllegalStateException.class,
                () -> OutboxRetention.checkPeriods(Duration.ofDays(-1), Duration.ofDays(400)));
    }
}
