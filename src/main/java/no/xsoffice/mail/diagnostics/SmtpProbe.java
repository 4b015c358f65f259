package no.xsoffice.mail.diagnostics;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import no.xsoffice.mail.diagnostics.Stage.Failure;
import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.AddressRefusedException;
import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.MailClients;
import no.xsoffice.mail.smtpclient.OutcomeUnknown;
import no.xsoffice.mail.smtpclient.SmtpEndpoint;
import no.xsoffice.mail.smtpclient.SmtpRefusal;
import no.xsoffice.mail.smtpclient.SmtpReply;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.smtpclient.SmtpSession;
import no.xsoffice.mail.smtpclient.SmtpStopped;
import no.xsoffice.mail.smtpclient.SmtpTranscript;
import no.xsoffice.mail.smtpclient.TransportConfig;
import no.xsoffice.mail.smtpclient.TrustedCertificates;

/**
 * Walks an SMTP server through the stages of a delivery (DNS, CONNECT, TLS, EHLO, AUTH, MAIL FROM,
 * RCPT TO, DATA) with the SMTP session deliveries use ({@link SmtpSession}), and turns the steps it tells
 * ({@link SmtpTranscript}) into the test's stages. A dry run stops at DATA's 354 and drops the connection
 * before the message could begin, so nothing is delivered. Every wait is bounded, and so is the whole: at its
 * deadline the session is closed under whatever stage is waiting. The greeting alone may take as long as the
 * whole allows, since servers greet slowly on purpose (deliveries wait five minutes for it). The connection goes
 * to the address the SSRF guard checked; TLS is verified as for deliveries, and STARTTLS is required, never skipped.
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

    /** One test: the stages so far, and the session whose steps become them. */
    private final class Run implements SmtpTranscript {

        private final Target target;
        private final StageLog log = new StageLog();
        private final long deadlineAt = System.nanoTime() + config.connectionTestDeadline().toNanos();
        private volatile SmtpSession session;
        private volatile boolean stopped;
        private TlsHandshake handshake;
        private long greetingWaitMs;
        /** The API stage under way. */
        private String stage = Stage.CONNECT;
        private boolean connected;
        private boolean handshaking;
        private boolean secured;
        private boolean awaitingGreeting;
        private String implicitTls;
        /** The extensions of the last EHLO answer, as shown: before STARTTLS the plain offer, then the encrypted one. */
        private List<String> offered = List.of();
        private String mechanism;
        private String challenge;
        private SmtpReply lastAuth;
        /** With {@code sendTo}: DATA's 354, which becomes the DATA stage once the message is taken. */
        private Stage ready;

        Run(Target target) {
            this.target = target;
        }

        List<Stage> walk() {
            ScheduledFuture<?> deadline = deadlines.schedule(this::stop, config.connectionTestDeadline().toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                InetAddress address = dns();
                if (address != null) {
                    converse(address);
                }
            } finally {
                deadline.cancel(false);
                SmtpSession open = session;
                if (open != null) {
                    open.close();
                }
            }
            if (stopped) {
                log.stoppedAt(config.connectionTestDeadline());
            }
            return log.stages();
        }

        /** The deadline: closing the session ends whatever wait a stage is in. */
        private void stop() {
            stopped = true;
            SmtpSession open = session;
            if (open != null) {
                open.close();
            }
        }

        private InetAddress dns() {
            log.begin();
            InetAddress address;
            try {
                address = guard.checkConnect(target.host(), target.port());
            } catch (AddressRefusedException e) {
                log.fail(Stage.DNS, e.getCause() instanceof UnknownHostException ? Failure.DNS_UNRESOLVED
                        : Failure.ADDRESS_REFUSED, e.getMessage());
                return null;
            }
            if (target.authentication() && target.security() == SmtpSecurity.NONE
                    && !guard.passwordInPlainTextAllowed(address)) { // as deliveries judge the address they connect to
                log.fail(Stage.DNS, Failure.ADDRESS_REFUSED, target.host() + " is " + address.getHostAddress()
                        + ": a password is never sent unencrypted except to a private address; choose STARTTLS or SSL_TLS");
                return null;
            }
            log.pass(Stage.DNS, SmtpEndpoint.isIpLiteral(target.host()) ? "An IP address: nothing to look up"
                    : target.host() + " is " + address.getHostAddress());
            return address;
        }

        /** The SMTP stages, in one session to the checked address; it quits (or is dropped) whatever happens. */
        private void converse(InetAddress address) {
            handshake = new TlsHandshake(TrustedCertificates.factory(config));
            Duration wait = Duration.ofMillis(readTimeout());
            // the greeting may take what the deadline leaves, ending a little before it so that its silence is told apart
            SmtpSession.Options options = new SmtpSession.Options(ehloName, Duration.ofMillis(connectTimeout()),
                    new SmtpSession.Timeouts(config.connectionTestDeadline(), wait, wait, wait, wait, wait, wait),
                    handshake.context());
            SmtpSession current = SmtpSession.unstarted(endpoint(), address, options, this)
                    .greetingBy(deadlineAt - GREETING_MARGIN.toNanos());
            session = current;
            if (stopped) {
                current.close();
            }
            log.begin();
            try {
                current.start();
                if (!signedIn()) {
                    return;
                }
                log.begin();
                if (target.sendTo() == null) {
                    current.trial(target.from(), recipient());
                } else {
                    sendTestMessage(current);
                }
            } catch (SmtpRefusal e) {
                refused(e);
            } catch (SmtpStopped e) {
                stoppedBySession(e);
            } catch (IOException e) {
                failed(e);
            } finally {
                current.quit();
            }
        }

        /** The server as the session sees it: signing in only when the test signs in, with a token when it has one. */
        private SmtpEndpoint endpoint() {
            OAuthSignIn oauth = target.oauth();
            boolean signIn = target.authentication() && (oauth == null || oauth.accessToken() != null);
            return new SmtpEndpoint(target.host(), target.port(), target.security(),
                    signIn ? target.username() : null, !signIn ? null : oauth != null ? oauth.accessToken()
                            : target.password(), true, oauth != null ? AuthMethod.XOAUTH2 : AuthMethod.PASSWORD);
        }

        private void sendTestMessage(SmtpSession current) throws IOException, SmtpRefusal {
            byte[] message = TestMessage.data(target.from(), target.sendTo(), target.host(), ZonedDateTime.now());
            SmtpSession.Delivered delivered = current.send(target.from(), List.of(target.sendTo()), message);
            if (delivered.data() == null) {
                refused(Stage.RCPT_TO, delivered.recipients().get(target.sendTo()), "The server refused RCPT TO");
            } else if (!delivered.data().is(250)) {
                refused(Stage.DATA, delivered.data(), "The server refused the test message");
            } else {
                log.record(Stage.passed(Stage.DATA, ready.ms() + log.elapsed(), "Test message sent to "
                        + target.sendTo()).withReply(delivered.data().text()));
            }
        }

        /** The AUTH stage once the session has started: it signed in, or the test does not, or cannot. */
        private boolean signedIn() {
            OAuthSignIn oauth = target.oauth();
            if (!target.authentication()) {
                return log.pass(Stage.AUTH, "Not used: authentication is off");
            }
            if (oauth == null) {
                return log.record(Stage.passed(Stage.AUTH, log.elapsed(), "Signed in as " + target.username()
                        + " with AUTH " + mechanism).withReply(lastAuth.text()));
            }
            if (oauth.accessToken() == null) { // the consent is missing or expired: no token to send
                Failure failure = switch (oauth.state()) {
                    case "REFUSED" -> Failure.OAUTH_REFUSED;
                    case OAuthSignIn.UNAVAILABLE -> Failure.OAUTH_UNAVAILABLE;
                    default -> Failure.OAUTH_NOT_CONNECTED;
                };
                return log.record(Stage.failed(Stage.AUTH, log.elapsed(), failure, oauth.problem())
                        .withOAuthState(oauth.state()));
            }
            return log.record(Stage.passed(Stage.AUTH, log.elapsed(), "Signed in as " + target.username()
                    + " with AUTH XOAUTH2 (" + oauth.provider().id() + " access token)").withReply(lastAuth.text())
                    .withOAuthState(oauth.state()));
        }

        @Override
        public void begin(Step step) {
            stage = switch (step) {
                case CONNECT -> Stage.CONNECT;
                case GREETING -> target.security() == SmtpSecurity.SSL_TLS ? Stage.TLS : Stage.CONNECT;
                case TLS, STARTTLS -> Stage.TLS;
                case EHLO -> target.security() == SmtpSecurity.STARTTLS && !secured ? Stage.TLS : Stage.EHLO;
                case AUTH -> Stage.AUTH;
                case MAIL_FROM -> Stage.MAIL_FROM;
                case RCPT_TO -> Stage.RCPT_TO;
                case DATA, MESSAGE -> Stage.DATA;
            };
            handshaking = step == Step.TLS;
            awaitingGreeting = step == Step.GREETING;
            if (awaitingGreeting) {
                greetingWaitMs = Math.max(1, (deadlineAt - System.nanoTime()) / 1_000_000 - GREETING_MARGIN.toMillis());
            }
        }

        @Override
        public void connected(Duration took) {
            connected = true;
            if (target.security() == SmtpSecurity.SSL_TLS) {
                log.pass(Stage.CONNECT, "Connected to " + where());
                log.begin();
            }
        }

        @Override
        public void secured(SSLSession tls, Duration took) {
            handshaking = false;
            secured = true;
            String detail = "Verified " + tls.getProtocol() + " (" + tls.getCipherSuite() + ")";
            if (target.security() == SmtpSecurity.STARTTLS) {
                log.record(Stage.passed(Stage.TLS, log.elapsed(), "STARTTLS: " + detail)
                        .withCertificate(handshake.certificate()));
                log.begin();
            } else {
                implicitTls = "Implicit TLS: " + detail;
            }
        }

        @Override
        public void signingIn(String chosen) {
            mechanism = chosen;
        }

        @Override
        public void replied(Step step, SmtpReply reply, Duration took) {
            switch (step) {
                case GREETING -> greeted(reply, took);
                case EHLO -> {
                    if (reply.positive()) {
                        offered = reply.lines().stream().skip(1).map(StageLog::oneLine).toList();
                        if (Stage.EHLO.equals(stage)) {
                            log.record(Stage.passed(Stage.EHLO, log.elapsed(), "The server greets " + reply.lines().get(0))
                                    .withCapabilities(offered));
                            log.begin();
                        }
                    }
                }
                case AUTH -> {
                    if (reply.is(334) && "XOAUTH2".equals(mechanism) && challenge == null) {
                        challenge = challenge(reply);
                    }
                    lastAuth = reply;
                }
                case MAIL_FROM -> passed(reply.positive(), Stage.MAIL_FROM, "The server takes mail from " + target.from(), reply);
                case RCPT_TO -> passed(reply.positive(), Stage.RCPT_TO, "The server takes mail for " + recipient(), reply);
                case DATA -> {
                    if (reply.is(354) && target.sendTo() == null) {
                        log.record(Stage.passed(Stage.DATA, log.elapsed(), "The server would take the message; nothing"
                                + " was sent (dry run)").withReply(reply.text()));
                    } else if (reply.is(354)) {
                        ready = Stage.passed(Stage.DATA, log.elapsed(), "The server is ready for the message");
                        log.begin();
                    }
                }
                default -> {
                    // STARTTLS's reply is judged by the session; the message's after send
                }
            }
        }

        /** The server's 220, which comes before TLS on a plain connection and after it with implicit TLS. */
        private void greeted(SmtpReply reply, Duration took) {
            awaitingGreeting = false;
            if (!reply.is(220)) {
                return; // the session refuses it
            }
            String slow = took.toMillis() > MAX_WAIT.toMillis() ? "; the greeting took " + took.toMillis() / 1000 + " s" : "";
            if (target.security() == SmtpSecurity.SSL_TLS) {
                log.record(Stage.passed(Stage.TLS, log.elapsed(), implicitTls + slow).withReply(reply.text())
                        .withCertificate(handshake.certificate()));
            } else {
                log.record(Stage.passed(Stage.CONNECT, log.elapsed(), "Connected to " + where() + slow)
                        .withReply(reply.text()));
            }
            log.begin();
            if (target.security() == SmtpSecurity.NONE) {
                log.pass(Stage.TLS, "Not used: security is NONE, the connection is not encrypted");
                log.begin();
            }
        }

        private void passed(boolean ok, String name, String detail, SmtpReply reply) {
            if (ok) {
                log.record(Stage.passed(name, log.elapsed(), detail).withReply(reply.text()));
                log.begin();
            }
        }

        private void refused(SmtpRefusal e) {
            String detail = switch (e.stage()) {
                case "CONNECT" -> "The server does not accept mail now";
                case "EHLO" -> Stage.TLS.equals(stage) ? "The server refused EHLO, so STARTTLS cannot be asked for"
                        : "The server refused EHLO";
                case "STARTTLS" -> "The server refused STARTTLS";
                case "AUTH" -> target.oauth() != null ? null
                        : "The server refused the sign-in (AUTH " + mechanism + ") as " + target.username();
                default -> "The server refused " + e.stage();
            };
            if (detail == null) {
                log.record(Stage.failed(Stage.AUTH, log.elapsed(), Failure.REPLY, "The server refused the OAuth"
                        + " access token (AUTH XOAUTH2) for " + target.username()
                        + (challenge == null ? "" : "; it says " + challenge)).withReply(e.reply().text())
                        .withOAuthState(target.oauth().state()));
                return;
            }
            refused(stage, e.reply(), detail);
        }

        private void refused(String name, SmtpReply reply, String detail) {
            log.record(Stage.failed(name, log.elapsed(), Failure.REPLY, detail).withReply(reply.text()));
        }

        /** The session would not go on: STARTTLS missing or tampered with, or no sign-in method it can use. */
        private void stoppedBySession(SmtpStopped e) {
            switch (e.reason()) {
                case NO_STARTTLS -> log.record(Stage.failed(Stage.TLS, log.elapsed(), Failure.NO_STARTTLS, "The server"
                        + " does not offer STARTTLS; the test stops here rather than go on unencrypted")
                        .withCapabilities(offered));
                case DATA_BEFORE_TLS -> log.fail(Stage.TLS, Failure.TLS_FAILED, "The server sent data after agreeing"
                        + " to STARTTLS (a sign of tampering); the test stops here");
                case NO_AUTH_MECHANISM -> {
                    if (target.oauth() != null) {
                        log.record(Stage.failed(Stage.AUTH, log.elapsed(), Failure.AUTH_MECHANISM, "The server does not"
                                + " offer AUTH XOAUTH2, so it cannot take an OAuth sign-in")
                                .withOAuthState(target.oauth().state()));
                    } else if (e.offered().isEmpty()) {
                        log.fail(Stage.AUTH, Failure.AUTH_NOT_OFFERED, "The server offers no sign-in (AUTH) here");
                    } else {
                        log.fail(Stage.AUTH, Failure.AUTH_MECHANISM, "The server offers only "
                                + String.join(", ", e.offered()) + "; this test signs in with PLAIN or LOGIN");
                    }
                }
            }
        }

        /** A network failure, told by the stage it came in. */
        private void failed(IOException e) {
            if (!connected) {
                if (e instanceof ConnectException) {
                    log.fail(Stage.CONNECT, Failure.CONNECTION_REFUSED, "Connection to " + where() + " refused");
                } else if (e instanceof SocketTimeoutException) {
                    log.fail(Stage.CONNECT, Failure.CONNECT_TIMEOUT, "No connection to " + where() + " within "
                            + connectTimeout() + " ms");
                } else {
                    log.fail(Stage.CONNECT, Failure.CONNECT_FAILED, "No connection to " + where() + ": "
                            + StageLog.message(e));
                }
            } else if (handshaking) {
                Failure failure = handshake.failure(e);
                String detail = switch (failure) {
                    case TIMEOUT -> "No TLS answer from the server within " + readTimeout() + " ms";
                    case TLS_FAILED -> "TLS handshake failed: " + StageLog.message(e);
                    default -> handshake.describe(failure, target.host());
                };
                log.record(Stage.failed(Stage.TLS, log.elapsed(), failure, detail).withCertificate(handshake.certificate()));
            } else if (awaitingGreeting && e instanceof SocketTimeoutException) {
                log.fail(stage, Failure.NO_GREETING, "Connected, but the server sent no greeting within "
                        + greetingWaitMs / 1000 + " s");
            } else {
                IOException cause = e instanceof OutcomeUnknown && e.getCause() instanceof IOException io ? io : e;
                if (cause instanceof SocketTimeoutException) {
                    log.fail(stage, Failure.TIMEOUT, "No answer from the server within " + readTimeout() + " ms");
                } else {
                    log.fail(stage, Failure.CONNECTION_LOST, "Connection lost: " + StageLog.message(cause));
                }
            }
        }

        private String recipient() {
            return target.sendTo() != null ? target.sendTo() : target.from();
        }

        private String where() {
            return target.host() + ":" + target.port();
        }
    }

    /** The text of a 334 challenge, decoded; the raw text when it is not base64. */
    static String challenge(SmtpReply reply) {
        String text = String.join("", reply.lines()).trim();
        try {
            return StageLog.oneLine(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return StageLog.oneLine(text);
        }
    }
}
