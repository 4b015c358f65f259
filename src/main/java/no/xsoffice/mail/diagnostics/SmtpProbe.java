package no.xsoffice.mail.diagnostics;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import no.xsoffice.mail.diagnostics.Stage.Failure;
import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.AddressRefusedException;
import no.xsoffice.mail.smtpclient.MailClients;
import no.xsoffice.mail.smtpclient.SmtpEndpoint;
import no.xsoffice.mail.smtpclient.SmtpReply;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.smtpclient.TransportConfig;
import no.xsoffice.mail.smtpclient.TrustedCertificates;

/**
 * Walks an SMTP server through the stages of a delivery (DNS, CONNECT, TLS, EHLO, AUTH, MAIL FROM,
 * RCPT TO, DATA) over a plain blocking socket and records each. A dry run stops at DATA's 354 and
 * drops the connection before the message could end, so nothing is delivered. Every wait is
 * bounded, and so is the whole: at its deadline the connection is closed under whatever stage is
 * waiting. The greeting alone may take as long as the whole allows, since servers greet slowly on purpose
 * (deliveries wait five minutes for it). TLS is verified as for deliveries, and STARTTLS is required, never skipped.
 */
@ApplicationScoped
public class SmtpProbe {

    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** The greeting's wait ends this long before the test's deadline, so that its silence is told apart from the deadline. */
    private static final Duration GREETING_MARGIN = Duration.ofMillis(250);

    private final AddressGuard guard;
    private final TransportConfig config;
    /** The name deliveries greet with: a test that passes with another name proves nothing about delivery. */
    private final String ehloName;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "connection-test-deadline");
        thread.setDaemon(true);
        return thread;
    });

    public SmtpProbe(AddressGuard guard, TransportConfig config, MailClients clients) {
        this.guard = guard;
        this.config = config;
        this.ehloName = clients.ehloName();
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }

    /** What to test. {@code sendTo} null: a dry run; {@code oauth} null: sign in with the password. */
    public record Target(String host, int port, SmtpSecurity security, boolean authentication, String username,
            String password, String from, String sendTo, OAuthSignIn oauth) {

        public Target(String host, int port, SmtpSecurity security, boolean authentication, String username,
                String password, String from, String sendTo) {
            this(host, port, security, authentication, username, password, from, sendTo, null);
        }

        @Override
        public String toString() {
            return "Target[" + host + ":" + port + " " + security + (authentication ? " as " + username : "") + "]";
        }
    }

    /** Runs the stages until one fails or the last is done. */
    public List<Stage> run(Target target) {
        return new Run(target).walk();
    }

    private int connectTimeout() {
        return (int) Math.min(config.connectTimeout().toMillis(), MAX_WAIT.toMillis());
    }

    private int readTimeout() {
        return (int) Math.min(config.readTimeout().toMillis(), MAX_WAIT.toMillis());
    }

    private final class Run {

        private final Target target;
        private final StageLog log = new StageLog();
        private SmtpConnection connection;
        private List<String> offered = List.of();
        private volatile Socket socket;
        private volatile boolean stopped;
        private final long deadlineAt = System.nanoTime() + config.connectionTestDeadline().toNanos();

        Run(Target target) {
            this.target = target;
        }

        List<Stage> walk() {
            ScheduledFuture<?> deadline = deadlines.schedule(this::stop, config.connectionTestDeadline().toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                InetAddress address = dns();
                if (address != null && connect(address) && tls() && ehlo() && auth() && mailFrom() && rcptTo()) {
                    data();
                }
            } finally {
                deadline.cancel(false);
                if (connection != null) {
                    connection.close();
                }
            }
            if (stopped) {
                log.stoppedAt(config.connectionTestDeadline());
            }
            return log.stages();
        }

        /** The deadline: closing the socket ends whatever wait a stage is in. */
        private void stop() {
            stopped = true;
            Socket open = socket;
            if (open != null) {
                close(open);
            }
        }

        private InetAddress dns() {
            log.begin();
            try {
                InetAddress address = guard.checkConnect(target.host(), target.port());
                log.pass(Stage.DNS, SmtpEndpoint.isIpLiteral(target.host()) ? "An IP address: nothing to look up"
                        : target.host() + " is " + address.getHostAddress());
                return address;
            } catch (AddressRefusedException e) {
                log.fail(Stage.DNS, e.getCause() instanceof UnknownHostException ? Failure.DNS_UNRESOLVED
                        : Failure.ADDRESS_REFUSED, e.getMessage());
                return null;
            }
        }

        private boolean connect(InetAddress address) {
            log.begin();
            Socket socket = new Socket();
            this.socket = socket;
            if (stopped) {
                close(socket);
            }
            try {
                socket.connect(new InetSocketAddress(address, target.port()), connectTimeout());
                socket.setSoTimeout(readTimeout());
                connection = new SmtpConnection(socket);
            } catch (ConnectException e) {
                close(socket);
                return log.fail(Stage.CONNECT, Failure.CONNECTION_REFUSED, "Connection to " + where() + " refused");
            } catch (SocketTimeoutException e) {
                close(socket);
                return log.fail(Stage.CONNECT, Failure.CONNECT_TIMEOUT, "No connection to " + where() + " within "
                        + connectTimeout() + " ms");
            } catch (IOException e) {
                close(socket);
                return log.fail(Stage.CONNECT, Failure.CONNECT_FAILED, "No connection to " + where() + ": "
                        + StageLog.message(e));
            }
            if (target.security() == SmtpSecurity.SSL_TLS) {
                return log.pass(Stage.CONNECT, "Connected to " + where());
            }
            return greeting(Stage.CONNECT, "Connected to " + where());
        }

        /**
         * The server's 220, which comes before TLS on a plain connection and after it with implicit TLS; waited
         * for as long as the test's deadline allows.
         */
        private boolean greeting(String stage, String detail) {
            long waitMs = Math.max(1, (deadlineAt - System.nanoTime()) / 1_000_000 - GREETING_MARGIN.toMillis());
            long since = System.nanoTime();
            try {
                connection.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, waitMs));
                SmtpReply reply = connection.read();
                connection.socket().setSoTimeout(readTimeout());
                if (!reply.is(220)) {
                    return refused(stage, reply, "The server does not accept mail now");
                }
                long tookMs = (System.nanoTime() - since) / 1_000_000;
                String slow = tookMs > MAX_WAIT.toMillis() ? "; the greeting took " + tookMs / 1000 + " s" : "";
                log.record(Stage.passed(stage, log.elapsed(), detail + slow).withReply(reply.text()));
                return true;
            } catch (SocketTimeoutException e) {
                return log.fail(stage, Failure.NO_GREETING, "Connected, but the server sent no greeting within "
                        + waitMs / 1000 + " s");
            } catch (IOException e) {
                return lost(stage, e);
            }
        }

        private boolean tls() {
            log.begin();
            if (target.security() == SmtpSecurity.NONE) {
                return log.pass(Stage.TLS, "Not used: security is NONE, the connection is not encrypted");
            }
            if (target.security() == SmtpSecurity.STARTTLS && !startTls()) {
                return false;
            }
            TlsHandshake handshake = new TlsHandshake(TrustedCertificates.factory(config));
            try {
                connection.use(handshake.upgrade(connection.socket(), target.host(), target.port()));
            } catch (IOException e) {
                Failure failure = handshake.failure(e);
                String detail = switch (failure) {
                    case TIMEOUT -> "No TLS answer from the server within " + readTimeout() + " ms";
                    case TLS_FAILED -> "TLS handshake failed: " + StageLog.message(e);
                    default -> handshake.describe(failure, target.host());
                };
                log.record(Stage.failed(Stage.TLS, log.elapsed(), failure, detail)
                        .withCertificate(handshake.certificate()));
                return false;
            }
            SSLSocket ssl = (SSLSocket) connection.socket();
            String detail = "Verified " + ssl.getSession().getProtocol() + " (" + ssl.getSession().getCipherSuite() + ")";
            if (target.security() == SmtpSecurity.STARTTLS) {
                return log.record(Stage.passed(Stage.TLS, log.elapsed(), "STARTTLS: " + detail)
                        .withCertificate(handshake.certificate()));
            }
            int before = log.stages().size();
            greeting(Stage.TLS, "Implicit TLS: " + detail);
            return log.record(log.stages().remove(before).withCertificate(handshake.certificate()));
        }

        /** EHLO, then STARTTLS, which the server must offer: the test never goes on in plain text. */
        private boolean startTls() {
            try {
                SmtpReply ehlo = connection.command("EHLO " + ehloName);
                if (!ehlo.is(250)) {
                    return refused(Stage.TLS, ehlo, "The server refused EHLO, so STARTTLS cannot be asked for");
                }
                List<String> plainOffer = SmtpConnection.capabilities(ehlo);
                if (plainOffer.stream().noneMatch(c -> c.equalsIgnoreCase("STARTTLS"))) {
                    log.record(Stage.failed(Stage.TLS, log.elapsed(), Failure.NO_STARTTLS, "The server does not offer"
                            + " STARTTLS; the test stops here rather than go on unencrypted").withCapabilities(plainOffer));
                    quit();
                    return false;
                }
                SmtpReply ready = connection.command("STARTTLS");
                if (!ready.is(220)) {
                    return refused(Stage.TLS, ready, "The server refused STARTTLS");
                }
                if (connection.hasUnreadInput()) {
                    return log.fail(Stage.TLS, Failure.TLS_FAILED, "The server sent data after agreeing to STARTTLS"
                            + " (a sign of tampering); the test stops here");
                }
                return true;
            } catch (SocketTimeoutException e) {
                return timedOut(Stage.TLS);
            } catch (IOException e) {
                return lost(Stage.TLS, e);
            }
        }

        private boolean ehlo() {
            log.begin();
            try {
                SmtpReply reply = connection.command("EHLO " + ehloName);
                if (!reply.is(250)) {
                    return refused(Stage.EHLO, reply, "The server refused EHLO");
                }
                offered = SmtpConnection.capabilities(reply);
                return log.record(Stage.passed(Stage.EHLO, log.elapsed(), "The server greets " + reply.lines().get(0))
                        .withCapabilities(offered));
            } catch (SocketTimeoutException e) {
                return timedOut(Stage.EHLO);
            } catch (IOException e) {
                return lost(Stage.EHLO, e);
            }
        }

        private boolean auth() {
            log.begin();
            if (!target.authentication()) {
                return log.pass(Stage.AUTH, "Not used: authentication is off");
            }
            if (target.oauth() != null) {
                return signInWithToken(target.oauth());
            }
            List<String> mechanisms = SmtpConnection.mechanisms(offered);
            if (mechanisms.isEmpty()) {
                return log.fail(Stage.AUTH, Failure.AUTH_NOT_OFFERED, "The server offers no sign-in (AUTH) here");
            }
            String mechanism = mechanisms.contains("PLAIN") ? "PLAIN" : mechanisms.contains("LOGIN") ? "LOGIN" : null;
            if (mechanism == null) {
                return log.fail(Stage.AUTH, Failure.AUTH_MECHANISM, "The server offers only " + String.join(", ", mechanisms)
                        + "; this test signs in with PLAIN or LOGIN");
            }
            try {
                SmtpReply reply = connection.signIn(mechanism, target.username(), target.password());
                if (!reply.is(235)) {
                    return refused(Stage.AUTH, reply, "The server refused the sign-in (AUTH " + mechanism + ") as "
                            + target.username());
                }
                return log.record(Stage.passed(Stage.AUTH, log.elapsed(), "Signed in as " + target.username() + " with AUTH "
                        + mechanism).withReply(reply.text()));
            } catch (SocketTimeoutException e) {
                return timedOut(Stage.AUTH);
            } catch (IOException e) {
                return lost(Stage.AUTH, e);
            }
        }

        /** XOAUTH2: the token first (the consent may be missing or expired), then the server's verdict on it. */
        private boolean signInWithToken(OAuthSignIn oauth) {
            String state = oauth.state();
            if (oauth.accessToken() == null) {
                Failure failure = switch (state) {
                    case "REFUSED" -> Failure.OAUTH_REFUSED;
                    case OAuthSignIn.UNAVAILABLE -> Failure.OAUTH_UNAVAILABLE;
                    default -> Failure.OAUTH_NOT_CONNECTED;
                };
                log.record(Stage.failed(Stage.AUTH, log.elapsed(), failure, oauth.problem()).withOAuthState(state));
                quit();
                return false;
            }
            if (!SmtpConnection.mechanisms(offered).contains("XOAUTH2")) {
                log.record(Stage.failed(Stage.AUTH, log.elapsed(), Failure.AUTH_MECHANISM, "The server does not offer"
                        + " AUTH XOAUTH2, so it cannot take an OAuth sign-in").withOAuthState(state));
                quit();
                return false;
            }
            try {
                SmtpReply reply = connection.signInWithToken(target.username(), oauth.accessToken());
                String reason = null;
                if (reply.is(334)) {
                    reason = SmtpConnection.challenge(reply);
                    reply = connection.command("");
                }
                if (!reply.is(235)) {
                    log.record(Stage.failed(Stage.AUTH, log.elapsed(), Failure.REPLY, "The server refused the OAuth"
                            + " access token (AUTH XOAUTH2) for " + target.username()
                            + (reason == null ? "" : "; it says " + reason)).withReply(reply.text()).withOAuthState(state));
                    quit();
                    return false;
                }
                return log.record(Stage.passed(Stage.AUTH, log.elapsed(), "Signed in as " + target.username()
                        + " with AUTH XOAUTH2 (" + oauth.provider().id() + " access token)").withReply(reply.text())
                        .withOAuthState(state));
            } catch (SocketTimeoutException e) {
                return timedOut(Stage.AUTH);
            } catch (IOException e) {
                return lost(Stage.AUTH, e);
            }
        }

        private boolean mailFrom() {
            return step(Stage.MAIL_FROM, "MAIL FROM:<" + target.from() + ">", 250, "The server takes mail from "
                    + target.from());
        }

        private boolean rcptTo() {
            String to = recipient();
            return step(Stage.RCPT_TO, "RCPT TO:<" + to + ">", 250, "The server takes mail for " + to);
        }

        private void data() {
            if (!step(Stage.DATA, "DATA", 354, target.sendTo() == null
                    ? "The server would take the message; nothing was sent (dry run)"
                    : "The server is ready for the message")) {
                return;
            }
            if (target.sendTo() == null) {
                return; // the connection is dropped before the message could end: nothing is delivered
            }
            Stage ready = log.stages().remove(log.stages().size() - 1);
            try {
                connection.sendRaw(TestMessage.data(target.from(), target.sendTo(), target.host(), ZonedDateTime.now()));
                SmtpReply reply = connection.read();
                if (!reply.is(250)) {
                    refused(Stage.DATA, reply, "The server refused the test message");
                    return;
                }
                log.record(Stage.passed(Stage.DATA, ready.ms() + log.elapsed(), "Test message sent to " + target.sendTo())
                        .withReply(reply.text()));
                quit();
            } catch (SocketTimeoutException e) {
                timedOut(Stage.DATA);
            } catch (IOException e) {
                lost(Stage.DATA, e);
            }
        }

        private boolean step(String stage, String command, int expected, String detail) {
            log.begin();
            try {
                SmtpReply reply = connection.command(command);
                boolean ok = reply.is(expected) || (Stage.RCPT_TO.equals(stage) && reply.is(251));
                if (!ok) {
                    return refused(stage, reply, "The server refused " + command.replaceAll(":.*", ""));
                }
                return log.record(Stage.passed(stage, log.elapsed(), detail).withReply(reply.text()));
            } catch (SocketTimeoutException e) {
                return timedOut(stage);
            } catch (IOException e) {
                return lost(stage, e);
            }
        }

        private String recipient() {
            return target.sendTo() != null ? target.sendTo() : target.from();
        }

        private void quit() {
            try {
                connection.command("QUIT");
            } catch (IOException e) {
                // the answer to QUIT changes nothing
            }
        }

        private String where() {
            return target.host() + ":" + target.port();
        }

        private boolean refused(String stage, SmtpReply reply, String detail) {
            log.record(Stage.failed(stage, log.elapsed(), Failure.REPLY, detail).withReply(reply.text()));
            if (reply.code() != 421) {
                quit();
            }
            return false;
        }

        private boolean timedOut(String stage) {
            return log.fail(stage, Failure.TIMEOUT, "No answer from the server within " + readTimeout() + " ms");
        }

        private boolean lost(String stage, IOException e) {
            return log.fail(stage, Failure.CONNECTION_LOST, "Connection lost: " + StageLog.message(e));
        }

        private void close(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // never connected
            }
        }
    }
}
