package no.xsoffice.mail.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import no.xsoffice.mail.suppression.SendingHealthView.Status;

/** The status of a window against the thresholds receivers publish. */
class SendingHealthRatesTest {

    @Test
    void shouldBeOkBelowOneComplaintInAThousandAndTwoPercentBounces() {
        assertEquals(Status.OK, SendingHealth.window(10_000, 199, 9).status());
    }

    @Test
    void shouldWarnFromOneComplaintInAThousand() {
        assertEquals(Status.WARNING, SendingHealth.window(10_000, 0, 10).status());
    }

    @Test
    void shouldBeCriticalFromThreeComplaintsInAThousand() {
        assertEquals(Status.CRITICAL, SendingHealth.window(10_000, 0, 30).status());
    }

    @Test
    void shouldWarnFromTwoPercentBouncesAndBeCriticalFromFive() {
        assertEquals(Status.WARNING, SendingHealth.window(1_000, 20, 0).status());
        assertEquals(Status.CRITICAL, SendingHealth.window(1_000, 50, 0).status());
    }

    @Test
    void shouldReportNoRateWhenNothingWasSent() {
        SendingHealthView.Window empty = SendingHealth.window(0, 0, 0);
        assertEquals(0, empty.bounceRate());
        assertEquals(Status.OK, empty.status());
    }
}
