package no.xsoffice.mail.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class BytesInFlightTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final BytesInFlight room = new BytesInFlight(100);

    @Test
    void shouldGrantAtOnceWhatFits() {
        assertThat(room.reserve(60, LONG)).isDone();
        assertThat(room.reserve(40, LONG)).isDone();
        assertEquals(0, room.free());
    }

    @Test
    void shouldGrantWaitingReservationsInOrderAsRoomIsGivenBack() throws Exception {
        long first = room.reserve(80, LONG).get();
        CompletableFuture<Long> big = room.reserve(50, LONG);
        CompletableFuture<Long> small = room.reserve(10, LONG);
        assertThat(big).isNotDone();
        assertThat(small).as("a small message does not overtake a waiting big one").isNotDone();

        room.release(first);
        assertEquals(50, big.get(1, TimeUnit.SECONDS));
        assertEquals(10, small.get(1, TimeUnit.SECONDS));
        assertEquals(40, room.free());
    }

    @Test
    void shouldLetAMessageLargerThanAllTheRoomGoAlone() throws Exception {
        long other = room.reserve(1, LONG).get();
        CompletableFuture<Long> huge = room.reserve(1_000, LONG);
        assertThat(huge).isNotDone();

        room.release(other);
        assertEquals(100, huge.get(1, TimeUnit.SECONDS));
    }

    @Test
    void shouldGiveUpAfterTheWaitAndLeaveTheRoomToOthers() throws Exception {
        long first = room.reserve(100, LONG).get();
        CompletableFuture<Long> late = room.reserve(10, Duration.ofMillis(50));

        ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(1, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        room.release(first);
        assertEquals(100, room.free());
    }
}
