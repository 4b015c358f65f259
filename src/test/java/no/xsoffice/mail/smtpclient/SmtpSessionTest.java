package no.xsoffice.mail.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import no.xsoffice.mail.ScriptedSmtpServer;

/** One SMTP session against servers that answer the way some do: oddly, untimely or with something injected. */
class SmtpSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] MIME = "Subject: Tilbud\r\n\r\nHei\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        senders.shutdownNow();
        deadlines.shutdownNow();
    }

    private SmtpClient client(int port, SmtpSecurity security) throws Exception {
        SmtpEndpoint endpoint = new SmtpEndpoint("127.0.0.1", port, security, null, null, false);
        SmtpSession.Timeouts timeouts = new SmtpSession.Timeouts(WAIT, WAIT, WAIT, WAIT, WAIT, WAIT, WAIT);
        SmtpSession.Options options = new SmtpSession.Options("client.example", WAIT, timeouts, SSLContext.getDefault());
        return new SmtpClient(endpoint, options, new ServerLane(1, senders, deadlines));
    }

    private SmtpSession.Delivered send(SmtpClient client, List<String> recipients) throws Exception {
        return client.send("kari@firma.no", recipients, () -> MIME, null, WAIT, WAIT).get(20, TimeUnit.SECONDS);
    }

    @Test
    void shouldTakeOnlyACompletionReplyToRcptAsTheRecipientAccepted() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            server.rcptReply = rcpt -> rcpt.contains("odd@") ? "354 Start mail input" : "250 2.1.5 OK";

            SmtpSession.Delivered delivered = send(client(server.port(), SmtpSecurity.NONE),
                    List.of("odd@kunde.no", "ola@kunde.no"));

            assertThat(delivered.recipients().get("odd@kunde.no").positive()).isFalse();
            assertThat(delivered.recipients().get("ola@kunde.no").positive()).isTrue();
            assertThat(server.envelopes).containsExactly(List.of("ola@kunde.no"));
        }
    }

    @Test
    void shouldSendNoDataWhenEveryRecipientIsAnsweredWithAnIntermediateReply() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            server.rcptReply = rcpt -> "354 Start mail input";

            SmtpSession.Delivered delivered = send(client(server.port(), SmtpSecurity.NONE), List.of("ola@kunde.no"));

            assertThat(delivered.data()).isNull();
            assertThat(server.messages).isEmpty();
        }
    }

    @Test
    void shouldDoubleTheDotThatStartsALineAndEndTheDataWithALoneDot() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            SmtpClient client = client(server.port(), SmtpSecurity.NONE);
            byte[] mime = "Subject: Punkt\r\n\r\n.\r\n.b\r\nc".getBytes(StandardCharsets.US_ASCII);

            client.send("kari@firma.no", List.of("ola@kunde.no"), () -> mime, null, WAIT, WAIT).get(20, TimeUnit.SECONDS);

            assertThat(server.messages).containsExactly("Subject: Punkt\r\n\r\n..\r\n..b\r\nc\r\n");
        }
    }

    @Test
    void shouldTellEachStepWithItsReplyAndStopATrialAtDataWithoutAMessage() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            List<String> told = new CopyOnWriteArrayList<>();
            SmtpTranscript transcript = new SmtpTranscript() {
                @Override
                public void begin(Step step) {
                    told.add("begin " + step);
                }

                @Override
                public void replied(Step step, SmtpReply reply, Duration took) {
                    told.add(step + " " + reply.code());
                }
            };
            SmtpEndpoint endpoint = new SmtpEndpoint("127.0.0.1", server.port(), SmtpSecurity.NONE, null, null, false);
            SmtpSession.Timeouts timeouts = new SmtpSession.Timeouts(WAIT, WAIT, WAIT, WAIT, WAIT, WAIT, WAIT);
            SmtpSession session = SmtpSession.unstarted(endpoint, InetAddress.getLoopbackAddress(),
                    new SmtpSession.Options("client.example", WAIT, timeouts, SSLContext.getDefault()), transcript);

            session.start();
            SmtpReply ready = session.trial("kari@firma.no", "ola@kunde.no");

            assertThat(ready.code()).isEqualTo(354);
            assertThat(told).containsExactly("begin CONNECT", "begin GREETING", "GREETING 220", "begin EHLO", "EHLO 250",
                    "begin MAIL_FROM", "MAIL_FROM 250", "begin RCPT_TO", "RCPT_TO 250", "begin DATA", "DATA 354");
            assertThat(session.reusable()).isFalse();
            assertThat(server.messages).isEmpty();
        }
    }

    @Test
    void shouldStopAtA421ToMailFromAndNameTheStage() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            server.mailFromReply = "421 4.7.0 Try again later, closing connection";

            Throwable failure = catchThrowable(() -> send(client(server.port(), SmtpSecurity.NONE), List.of("ola@kunde.no")));

            assertThat(failure).isInstanceOf(ExecutionException.class);
            assertThat(failure.getCause()).isInstanceOf(SmtpRefusal.class);
            SmtpRefusal refusal = (SmtpRefusal) failure.getCause();
            assertThat(refusal.stage()).isEqualTo("MAIL FROM");
            assertThat(refusal.reply().transientFailure()).isTrue();
            assertThat(server.messages).isEmpty();
        }
    }

    @Test
    void shouldDropAConnectionWhoseServerSendsAnythingBetweenItsStartTlsReplyAndTheHandshake() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> injectAfterStartTls(listening, heard));
            server.start();

            Throwable failure = catchThrowable(() -> send(client(listening.getLocalPort(), SmtpSecurity.STARTTLS),
                    List.of("ola@kunde.no")));

            assertThat(failure).isInstanceOf(ExecutionException.class);
            assertThat(failure.getCause()).isInstanceOf(IOException.class)
                    .hasMessageContaining("sent data before the TLS handshake");
            server.join(10_000);
            assertThat(heard).noneMatch(line -> line.startsWith("MAIL") || line.startsWith("RCPT") || line.startsWith("AUTH"));
        }
    }

    @Test
    void shouldSendTheEnvelopeInOneWriteToAServerThatOffersPipelining() throws Exception {
        assertThat(envelopeArrivedWhole(true)).isTrue();
    }

    @Test
    void shouldWaitForTheReplyToMailFromWhenTheServerDoesNotOfferPipelining() throws Exception {
        assertThat(envelopeArrivedWhole(false)).isFalse();
    }

    /**
     * Delivers one message to two recipients through a server that offers PIPELINING or not, and answers whether the
     * recipients had already arrived when the server read MAIL FROM (it waits a moment before answering it).
     */
    private boolean envelopeArrivedWhole(boolean pipelining) throws Exception {
        CompletableFuture<Boolean> whole = new CompletableFuture<>();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = listening.accept()) {
                    socket.setSoTimeout(10_000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    OutputStream out = socket.getOutputStream();
                    out.write("220 envelope.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String reply = "250 OK";
                        if (line.startsWith("EHLO")) {
                            reply = pipelining ? "250-envelope.example\r\n250 PIPELINING" : "250 envelope.example";
                        } else if (line.startsWith("MAIL FROM")) {
                            Thread.sleep(200); // time for a pipelining client's recipients to arrive behind it
                            whole.complete(in.ready());
                        } else if (line.equals("DATA")) {
                            reply = "354 go ahead";
                        } else if (line.equals(".")) {
                            reply = "250 2.0.0 queued";
                        } else if (line.equals("QUIT")) {
                            reply = "221 bye";
                        } else if (!line.startsWith("RCPT")) {
                            continue; // a line of the message
                        }
                        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    whole.completeExceptionally(e);
                }
            });
            server.start();

            SmtpSession.Delivered delivered = send(client(listening.getLocalPort(), SmtpSecurity.NONE),
                    List.of("ola@kunde.no", "kari@kunde.no"));

            assertThat(delivered.recipients().values()).allMatch(SmtpReply::positive);
            assertThat(delivered.data().code()).isEqualTo(250);
            return whole.get(10, TimeUnit.SECONDS);
        }
    }

    /** A server that answers STARTTLS and, in the same write, a reply meant to be read as if it came over TLS. */
    private static void injectAfterStartTls(ServerSocket listening, List<String> heard) {
        try (Socket socket = listening.accept()) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write("220 injecting.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                heard.add(line);
                if (line.startsWith("EHLO")) {
                    out.write("250-injecting.example\r\n250 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (line.equals("STARTTLS")) {
                    out.write("220 2.0.0 Ready to start TLS\r\n250-injected\r\n250 AUTH PLAIN\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write("500 unexpected\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client hung up, as it should
        }
    }
}
