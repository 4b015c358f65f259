package no.xsoffice.mail.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;

class ServerLaneTest {

    /** A server that takes each message only when the test says so. */
    private static final class HeldServer implements MailClient {
        final List<Handler<AsyncResult<MailResult>>> sending = new CopyOnWriteArrayList<>();

        @Override
        public MailClient sendMail(MailMessage message, Handler<AsyncResult<MailResult>> done) {
            sending.add(done);
            return this;
        }

        void take(int index) {
            sending.get(index).handle(Future.succeededFuture(new MailResult()));
        }

        @Override
        public void close(Handler<AsyncResult<Void>> done) {
        }
    }

    private static final Duration LONG = Duration.ofSeconds(30);

    private final HeldServer server = new HeldServer();

    @Test
    void shouldSendNoMoreAtOnceThanTheServerHasConnections() {
        ServerLane lane = new ServerLane(server, 2);
        List<CompletableFuture<MailResult>> sent = List.of(lane.send(new MailMessage(), LONG, LONG),
                lane.send(new MailMessage(), LONG, LONG), lane.send(new MailMessage(), LONG, LONG));
        assertEquals(2, server.sending.size());

        server.take(0);
        assertTrue(sent.get(0).isDone());
        assertEquals(3, server.sending.size());
    }

    @Test
    void shouldStartTheDeadlineWhenTheMessageIsSentNotWhileItWaits() throws Exception {
        ServerLane lane = new ServerLane(server, 1);
        Duration deadline = Duration.ofMillis(500);
        lane.send(new MailMessage(), LONG, LONG);
        CompletableFuture<MailResult> waiting = lane.send(new MailMessage(), LONG, deadline);
        Thread.sleep(deadline.toMillis() * 2);
        assertFalse(waiting.isDone());

        server.take(0);
        server.take(1);
        assertNotNull(waiting.get(1, TimeUnit.SECONDS));
    }

    @Test
    void shouldGiveUpWaitingBeforeAnythingIsSent() throws Exception {
        ServerLane lane = new ServerLane(server, 1);
        lane.send(new MailMessage(), LONG, LONG);
        CompletableFuture<MailResult> waiting = lane.send(new MailMessage(), Duration.ofMillis(100), LONG);

        ExecutionException busy = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ServerLane.Busy.class, busy.getCause());
        assertEquals(1, server.sending.size());

        server.take(0);
        lane.send(new MailMessage(), LONG, LONG);
        assertEquals(2, server.sending.size());
    }

    @Test
    void shouldSendNothingMoreOnceClosed() throws Exception {
        ServerLane lane = new ServerLane(server, 1);
        CompletableFuture<MailResult> sending = lane.send(new MailMessage(), LONG, LONG);
        CompletableFuture<MailResult> waiting = lane.send(new MailMessage(), LONG, LONG);

        lane.close();
        ExecutionException stopped = assertThrows(ExecutionException.class, () -> waiting.get(1, TimeUnit.SECONDS));
        assertInstanceOf(ServerLane.Busy.class, stopped.getCause());
        server.take(0);
        assertNotNull(sending.get(1, TimeUnit.SECONDS));
        assertTrue(lane.send(new MailMessage(), LONG, LONG).isCompletedExceptionally());
        assertEquals(1, server.sending.size());
    }
}
