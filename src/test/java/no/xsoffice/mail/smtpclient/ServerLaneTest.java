package no.xsoffice.mail.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerLaneTest {

    /** A server that takes each message only when the test says so. */
    private static final class HeldServer {
        final List<CompletableFuture<String>> sending = new CopyOnWriteArrayList<>();
        final AtomicInteger aborted = new AtomicInteger();

        String receive() throws Exception {
            CompletableFuture<String> taken = new CompletableFuture<>();
            sending.add(taken);
            return taken.get(30, TimeUnit.SECONDS);
        }

        void take(int index) {
            sending.get(index).complete("250 2.0.0 Ok: queued as " + index);
        }

        void refuse(int index) {
            sending.get(index).completeExceptionally(new java.io.IOException("421 4.7.0 Error: too many connections"));
        }

        void awaitSending(int count) {
            await().atMost(Duration.ofSeconds(5)).dontCatchUncaughtExceptions().until(() -> sending.size() == count);
        }
    }

    private static final Duration LONG = Duration.ofSeconds(30);

    private final HeldServer server = new HeldServer();
    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopThreads() {
        senders.shutdownNow();
        deadlines.shutdownNow();
    }

    private ServerLane lane(int connections) {
        return new ServerLane(connections, senders, deadlines);
    }

    private CompletableFuture<String> send(ServerLane lane, Duration wait, Duration deadline) {
        return lane.send(server::receive, server.aborted::incrementAndGet, wait, deadline);
    }

    @Test
    void shouldSendNoMoreAtOnceThanTheServerHasConnections() throws Exception {
        ServerLane lane = lane(2);
        List<CompletableFuture<String>> sent = List.of(send(lane, LONG, LONG), send(lane, LONG, LONG),
                send(lane, LONG, LONG));
        server.awaitSending(2);
        Thread.sleep(100);
        assertEquals(2, server.sending.size());

        server.take(0);
        // the first two go out on two threads at once: either may be the one the server received first
        assertEquals("250 2.0.0 Ok: queued as 0", CompletableFuture.anyOf(sent.get(0), sent.get(1)).get(5, TimeUnit.SECONDS));
        server.awaitSending(3);
    }

    @Test
    void shouldStartTheDeadlineWhenTheMessageIsSentNotWhileItWaits() throws Exception {
        ServerLane lane = lane(1);
        Duration deadline = Duration.ofMillis(500);
        send(lane, LONG, LONG);
        CompletableFuture<String> waiting = send(lane, LONG, deadline);
        Thread.sleep(deadline.toMillis() * 2);
        assertThat(waiting).isNotDone();

        server.take(0);
        server.awaitSending(2);
        server.take(1);
        assertEquals("250 2.0.0 Ok: queued as 1", waiting.get(1, TimeUnit.SECONDS));
    }

    @Test
    void shouldAbortADeliveryThatOutlastsItsDeadlineAndPassItsTurnOn() throws Exception {
        ServerLane lane = lane(1);
        CompletableFuture<String> stuck = send(lane, LONG, Duration.ofMillis(200));
        CompletableFuture<String> next = send(lane, LONG, LONG);

        ExecutionException timedOut = assertThrows(ExecutionException.class, () -> stuck.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, timedOut.getCause());
        await().atMost(Duration.ofSeconds(1)).dontCatchUncaughtExceptions().until(() -> server.aborted.get() == 1);
        server.awaitSending(2);
        server.take(1);
        assertEquals("250 2.0.0 Ok: queued as 1", next.get(1, TimeUnit.SECONDS));
    }

    @Test
    void shouldKeepOneConnectionFewerOnceTheServerSaysItHasTooMany() throws Exception {
        ServerLane lane = lane(2);
        send(lane, LONG, LONG);
        send(lane, LONG, LONG);
        CompletableFuture<String> third = send(lane, LONG, LONG);
        CompletableFuture<String> fourth = send(lane, LONG, LONG);
        server.awaitSending(2);

        lane.shrink();
        server.take(0);
        Thread.sleep(200);
        assertEquals(2, server.sending.size(), "the freed connection is not handed on");
        server.take(1);
        server.awaitSending(3);
        server.take(2);
        assertEquals("250 2.0.0 Ok: queued as 2", third.get(1, TimeUnit.SECONDS));
        server.awaitSending(4);
        assertThat(fourth).isNotDone();
    }

    @Test
    void shouldGiveUpWaitingBeforeAnythingIsSent() throws Exception {
        ServerLane lane = lane(1);
        send(lane, LONG, LONG);
        CompletableFuture<String> waiting = send(lane, Duration.ofMillis(100), LONG);

        ExecutionException busy = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ServerLane.Busy.class, busy.getCause());
        assertEquals(1, server.sending.size());

        server.take(0);
        send(lane, LONG, LONG);
        server.awaitSending(2);
    }

    @Test
    void shouldSendNothingMoreOnceClosed() throws Exception {
        ServerLane lane = lane(1);
        CompletableFuture<String> sending = send(lane, LONG, LONG);
        CompletableFuture<String> waiting = send(lane, LONG, LONG);
        server.awaitSending(1);

        lane.close();
        ExecutionException stopped = assertThrows(ExecutionException.class, () -> waiting.get(1, TimeUnit.SECONDS));
        assertInstanceOf(ServerLane.Busy.class, stopped.getCause());
        server.take(0);
        assertEquals("250 2.0.0 Ok: queued as 0", sending.get(1, TimeUnit.SECONDS));
        assertThat(send(lane, LONG, LONG)).isCompletedExceptionally();
        assertEquals(1, server.sending.size());
    }

    @Test
    void shouldNarrowToTheConnectionsStillOpenWhenTheServerRefusesOneAndWidenByOneAfterAQuietInterval() throws Exception {
        Duration quiet = Duration.ofSeconds(2);
        ServerLane lane = new ServerLane(4, senders, deadlines, quiet);
        List<CompletableFuture<String>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(send(lane, LONG, LONG));
        }
        server.awaitSending(4);

        lane.tooManyConnections(); // two of the four are refused at the greeting
        server.refuse(0);
        lane.tooManyConnections();
        server.refuse(1);
        assertEquals(2, lane.connections());
        await().atMost(Duration.ofSeconds(5)).dontCatchUncaughtExceptions().until(() -> sent.stream().filter(CompletableFuture::isDone).count() == 2);

        long narrowed = System.nanoTime();
        server.take(2); // its connection goes on to the fifth; the sixth still waits
        server.awaitSending(5);
        assertThat(System.nanoTime() - narrowed).isLessThan(quiet.toNanos());
        assertEquals(2, lane.connections());

        await().pollDelay(quiet).atMost(quiet.plusSeconds(1)).dontCatchUncaughtExceptions().until(() -> true); // the quiet interval passes
        server.take(3);
        server.awaitSending(6);
        assertEquals(3, lane.connections());
        assertThat(sent.stream().filter(CompletableFuture::isDone).count()).isEqualTo(4);
    }

    @Test
    void shouldNeverNarrowBelowOneConnection() {
        ServerLane lane = lane(2);

        lane.tooManyConnections();
        lane.tooManyConnections();

        assertEquals(1, lane.connections());
    }
}
