package no.xsoffice.mail.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import no.xsoffice.mail.ScriptedSmtpServer;

/** Each stage's own wait, and the delivery's deadline over them all, against a scripted server. */
class SmtpClientTimeoutsTest {

    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final byte[] MIME = "Subject: Tilbud\r\n\r\nHei\r\n".getBytes();

    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor();
    private final ScriptedSmtpServer server;

    SmtpClientTimeoutsTest() throws Exception {
        server = new ScriptedSmtpServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        senders.shutdownNow();
        deadlines.shutdownNow();
    }

    private SmtpClient client(SmtpSession.Timeouts timeouts) throws Exception {
        SmtpEndpoint endpoint = new SmtpEndpoint("127.0.0.1", server.port(), SmtpSecurity.NONE, null, null, false);
        SmtpSession.Options options = new SmtpSession.Options("client.example", SHORT, timeouts, SSLContext.getDefault());
        return new SmtpClient(endpoint, options, new ServerLane(1, senders, deadlines));
    }

    private static SmtpSession.Timeouts all(Duration wait, Duration endOfData) {
        return new SmtpSession.Timeouts(wait, wait, wait, wait, wait, endOfData, wait);
    }

    private Throwable failure(SmtpClient client, Duration deadline) {
        Throwable failure = catchThrowable(() -> client.send("kari@firma.no", List.of("ola@kunde.no"), () -> MIME, null,
                LONG, deadline).get(20, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        return failure.getCause();
    }

    @Test
    void shouldWaitForTheReplyToTheEndOfTheDataLongerThanForAnyOtherReply() throws Exception {
        server.dataReplyDelayMillis = 1500;

        SmtpSession.Delivered delivered = client(all(SHORT, Duration.ofSeconds(5)))
                .send("kari@firma.no", List.of("ola@kunde.no"), () -> MIME, null, LONG, LONG).get(20, TimeUnit.SECONDS);

        assertThat(delivered.data().code()).isEqualTo(250);
        assertThat(server.messages).hasSize(1);
    }

    @Test
    void shouldCallTheOutcomeUnknownWhenTheReplyToTheEndOfTheDataNeverComes() throws Exception {
        server.dataUnanswered = true;

        Throwable failure = failure(client(all(SHORT, SHORT)), LONG);

        assertThat(failure).isInstanceOf(OutcomeUnknown.class).hasMessageContaining("a copy may already have arrived");
        assertThat(((OutcomeUnknown) failure).recipients()).containsOnlyKeys("ola@kunde.no");
        assertThat(server.unanswered).hasSize(1);
    }

    @Test
    void shouldCallTheOutcomeUnknownWhenTheDeadlineCutsOffTheWaitForTheReplyToTheData() throws Exception {
        server.dataUnanswered = true;

        Throwable failure = failure(client(all(LONG, LONG)), Duration.ofSeconds(2));

        assertThat(failure).isInstanceOf(OutcomeUnknown.class).hasMessageContaining("deadline");
        assertThat(((OutcomeUnknown) failure).recipients().get("ola@kunde.no").code()).isEqualTo(250);
    }

    @Test
    void shouldCallASilentGreetingATimeoutNotAnUnknownOutcome() throws Exception {
        server.silent = true;

        assertThat(failure(client(all(SHORT, LONG)), LONG)).isInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(failure(client(all(LONG, LONG)), SHORT)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void shouldCutOffAMessageWhoseBlocksTheServerStopsTakingWithoutCallingItDelivered() throws Exception {
        try (java.net.ServerSocket stalling = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (java.net.Socket client = stalling.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream()));
                    var out = client.getOutputStream();
                    out.write("220 stalling\r\n".getBytes());
                    String line;
                    while ((line = in.readLine()) != null) {
                        out.write((line.startsWith("DATA") ? "354 go ahead\r\n" : "250 OK\r\n").getBytes());
                        if (line.startsWith("DATA")) {
                            java.util.concurrent.locks.LockSupport.park(); // takes nothing more, holds the connection
                        }
                    }
                } catch (IOException e) {
                    // the client gave up
                }
            });
            server.setDaemon(true);
            server.start();
            SmtpEndpoint endpoint = new SmtpEndpoint("127.0.0.1", stalling.getLocalPort(), SmtpSecurity.NONE, null, null, false);
            SmtpSession.Options options = new SmtpSession.Options("client.example", SHORT, all(SHORT, LONG),
                    SSLContext.getDefault());
            SmtpClient client = new SmtpClient(endpoint, options, new ServerLane(1, senders, deadlines));
            byte[] large = new byte[32 * 1024 * 1024];
            java.util.Arrays.fill(large, (byte) 'x');

            long started = System.nanoTime();
            Throwable failure = catchThrowable(() -> client.send("kari@firma.no", List.of("ola@kunde.no"), () -> large, null,
                    LONG, LONG).get(20, TimeUnit.SECONDS));

            assertThat(failure).isInstanceOf(ExecutionException.class);
            assertThat(failure.getCause()).isInstanceOf(IOException.class).isNotInstanceOf(OutcomeUnknown.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
