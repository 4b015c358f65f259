package no.xsoffice.mail.bounce;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failed recipients suppress at once, which count towards it, and which say nothing of the address. */
class BounceKindTest {

    @ParameterizedTest
    @ValueSource(strings = { "5.1.1", "5.1.10", "5.7.1", "5.4.4", "5.0.0" })
    void shouldTakeLastingStatusesForHardBounces(String status) {
        assertTrue(Bounces.hard(status));
        assertFalse(Bounces.soft(status));
    }

    @ParameterizedTest
    @ValueSource(strings = { "4.4.1", "4.2.2", "4.7.0", "5.2.2" })
    void shouldCountPassingStatusesAndMailboxFullAsSoftBounces(String status) {
        assertFalse(Bounces.hard(status));
        assertTrue(Bounces.soft(status));
    }

    @ParameterizedTest
    @ValueSource(strings = { "5.3.4", "2.0.0" })
    void shouldLeaveAMessageTooBigAndSuccessOutOfIt(String status) {
        assertFalse(Bounces.hard(status));
        assertFalse(Bounces.soft(status));
    }
}
