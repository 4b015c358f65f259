package no.xsoffice.mail.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
        Throwable failure = catchThrowable(() -> client.send("kari@firma.no", List.of("ola@kunde.no"), () -> MIME,
                LONG, deadline).get(20, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        return failure.getCause();
    }

    @Test
    void shouldWaitForTheReplyToTheEndOfTheDataLongerThanForAnyOtherReply() throws Exception {
        server.dataReplyDelayMillis = 1500;

        SmtpSession.Delivered delivered = client(all(SHORT, Duration.ofSeconds(5)))
                .send("kari@firma.no", List.of("ola@kunde.no"), () -> MIME, LONG, LONG).get(20, TimeUnit.SECONDS);

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
}
