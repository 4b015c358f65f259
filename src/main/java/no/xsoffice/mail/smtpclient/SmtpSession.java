package no.xsoffice.mail.smtpclient;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;


/**
 * One SMTP connection that delivers: greeting, EHLO with the service's own name, STARTTLS (required, never
 * skipped), AUTH, then any number of mail transactions whose every reply is kept. Blocking; each wait is held to
 * its stage's timeout ({@link Timeouts}, RFC 5321 4.5.3.2), and {@link #close()} from another thread ends whatever
 * it is waiting for. Each step, with its time and the server's reply, is told to an {@link SmtpTranscript}: the
 * connection test shows them, and tries a server with {@link #trial} (no message) or one {@link #send}.
 */
public final class SmtpSession implements Closeable {


    /** What a session needs besides its server: how it names itself, how long it waits, whom it trusts. */
    public record Options(String ehloName, Duration connectTimeout, Timeouts timeouts, SSLContext tls) {
    }

    /**
     * How long each stage waits for the server, as RFC 5321 4.5.3.2 has it: the greeting, the replies to MAIL FROM,
     * RCPT TO and DATA, each block of the message written, and the reply to its end; {@code other} for EHLO,
     * STARTTLS (with its handshake), AUTH, RSET and QUIT.
     */
    public record Timeouts(Duration greeting, Duration mail, Duration rcpt, Duration data, Duration block,
            Duration endOfData, Duration other) {
    }

    /** Cuts off a write of the message that takes longer than the data block timeout: a socket's writes have none. */
    private static final ScheduledExecutorService WRITES = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "smtp-write-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    /** Half the output buffer, so that every write of the message stays in the buffer and leaves in a timed flush. */
    private static final int BLOCK = 32 * 1024;

    /**
     * How one mail transaction ended: the reply to each envelope recipient, and to the message (null when no
     * recipient was accepted; a failure reply when the server refused the message after accepting recipients).
     */
    public record Delivered(Map<String, SmtpReply> recipients, SmtpReply data) {
    }

    private final SmtpEndpoint endpoint;
    private final InetAddress address;
    private final Options options;
    private final SmtpTranscript transcript;
    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;
    private List<String> capabilities = List.of();
    private volatile boolean broken;
    private boolean started;
    private long lastUsed = System.nanoTime();
    /** The whole message and its closing dot went out, and the server's reply to it has not come (yet). */
    private volatile boolean awaitingEndOfData;
    private volatile Map<String, SmtpReply> recipientReplies = Map.of();
    /** System.nanoTime by which the greeting must have come, whatever its timeout says. */
    private long greetBy = Long.MAX_VALUE;

    private SmtpSession(SmtpEndpoint endpoint, InetAddress address, Options options, SmtpTranscript transcript) {
        this.endpoint = endpoint;
        this.address = address;
        this.options = options;
        this.transcript = transcript;
    }

    /**
     * Connects, greets and signs in; a refusal on the way is an {@link SmtpRefusal}, a network failure an IOException.
     * {@code address} is where the connection goes, the one the SSRF guard checked (no second DNS look-up); null
     * for a trusted server, which is dialled by name. TLS is verified against the endpoint's name either way.
     */
    public static SmtpSession open(SmtpEndpoint endpoint, InetAddress address, Options options) throws IOException, SmtpRefusal {
        SmtpSession session = unstarted(endpoint, address, options, SmtpTranscript.NONE);
        session.start();
        return session;
    }

    /**
     * A session that has not connected yet and tells its steps to {@code transcript}; {@link #start()} connects,
     * and {@link #close()}, from any thread and at any time, ends it. {@code address} as for {@link #open}.
     */
    public static SmtpSession unstarted(SmtpEndpoint endpoint, InetAddress address, Options options,
            SmtpTranscript transcript) {
        return new SmtpSession(endpoint, address, options, transcript);
    }

    /**
     * Holds the wait for the greeting to end by {@code nanoTime} (System.nanoTime based) at the latest, for a
     * caller under a deadline of its own; before {@link #start()}.
     */
    public SmtpSession greetingBy(long nanoTime) {
        greetBy = nanoTime;
        return this;
    }

    /**
     * Connects, greets and signs in (when the endpoint has a username), as {@link #open} does; on a failure the
     * session is closed.
     */
    public void start() throws IOException, SmtpRefusal {
        try {
            connect();
        } catch (IOException | SmtpRefusal | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException, SmtpRefusal {
        Socket plain = new Socket();
        socket = plain;
        if (broken) {
            throw new IOException("The session was closed before it connected");
        }
        InetSocketAddress target = address != null ? new InetSocketAddress(address, endpoint.port())
                : new InetSocketAddress(endpoint.host(), endpoint.port());
        transcript.begin(SmtpTranscript.Step.CONNECT);
        long since = System.nanoTime();
        plain.connect(target, (int) options.connectTimeout().toMillis());
        plain.setSoTimeout(millis(options.timeouts().other()));
        transcript.connected(since(since));
        use(endpoint.security() == SmtpSecurity.SSL_TLS ? tls(plain) : plain);
        transcript.begin(SmtpTranscript.Step.GREETING);
        since = System.nanoTime();
        Duration greetingWait = options.timeouts().greeting();
        if (greetBy != Long.MAX_VALUE) {
            greetingWait = Duration.ofNanos(Math.min(greetingWait.toNanos(), greetBy - since));
        }
        SmtpReply greeting = read(greetingWait);
        transcript.replied(SmtpTranscript.Step.GREETING, greeting, since(since));
        expect("CONNECT", greeting, 220);
        hello();
        if (endpoint.security() == SmtpSecurity.STARTTLS) {
            if (!offers("STARTTLS")) {
                throw new SmtpStopped(SmtpStopped.Reason.NO_STARTTLS, List.of(),
                        "The server does not offer STARTTLS, which these settings require; nothing was sent");
            }
            expect("STARTTLS", step(SmtpTranscript.Step.STARTTLS, "STARTTLS", options.timeouts().other()), 220);
            if (in.available() > 0) {
                throw new SmtpStopped(SmtpStopped.Reason.DATA_BEFORE_TLS, List.of(),
                        "The server sent data before the TLS handshake; the connection was dropped");
            }
            use(tls(socket));
            hello();
        }
        if (endpoint.username() != null) {
            signIn();
        }
    }

    /**
     * Tries a mail transaction without a message, for the connection test: MAIL FROM, RCPT TO and DATA; the reply
     * to DATA (354) is returned and the session closed before a message could begin, so nothing is delivered. A
     * refusal on the way leaves the session open, for {@link #quit()}.
     */
    public SmtpReply trial(String mailFrom, String recipient) throws IOException, SmtpRefusal {
        Timeouts timeouts = options.timeouts();
        SmtpReply from = step(SmtpTranscript.Step.MAIL_FROM, "MAIL FROM:<" + mailFrom + ">", timeouts.mail());
        if (!from.positive()) {
            throw new SmtpRefusal("MAIL FROM", from);
        }
        SmtpReply to = step(SmtpTranscript.Step.RCPT_TO, "RCPT TO:<" + recipient + ">", timeouts.rcpt());
        if (!to.positive()) {
            throw new SmtpRefusal("RCPT TO", to);
        }
        SmtpReply data = step(SmtpTranscript.Step.DATA, "DATA", timeouts.data());
        if (data.code() != 354) {
            throw new SmtpRefusal("DATA", data);
        }
        close(); // the message never ends: the server drops the transaction
        return data;
    }

    /**
     * One mail transaction: MAIL FROM with the exact size (a server that takes less refuses it itself), RCPT TO
     * for each recipient (each reply kept), and the message itself when at least one recipient was accepted. The
     * session stays usable after a refusal. When
     * the whole message went out and its reply never comes (a timeout, a closed connection), the failure is
     * {@link OutcomeUnknown}: the server may have taken it.
     */
    public Delivered send(String mailFrom, List<String> recipients, byte[] mime) throws IOException, SmtpRefusal {
        lastUsed = System.nanoTime();
        started = false;
        awaitingEndOfData = false;
        recipientReplies = Map.of();
        Timeouts timeouts = options.timeouts();
        String mail = "MAIL FROM:<" + mailFrom + ">" + (offers("SIZE") ? " SIZE=" + mime.length : "");
        Map<String, SmtpReply> replies = new LinkedHashMap<>();
        SmtpReply from;
        if (offers("PIPELINING")) {
            from = pipelined(mail, recipients, replies);
        } else {
            from = step(SmtpTranscript.Step.MAIL_FROM, mail, timeouts.mail());
            if (from.positive()) {
                for (String recipient : recipients) {
                    replies.put(recipient, step(SmtpTranscript.Step.RCPT_TO, "RCPT TO:<" + recipient + ">", timeouts.rcpt()));
                }
            }
        }
        if (!from.positive()) {
            if (reusable()) {
                reset();
            }
            throw new SmtpRefusal("MAIL FROM", from);
        }
        started = true;
        recipientReplies = replies;
        if (replies.values().stream().noneMatch(SmtpReply::positive)) {
            reset();
            return new Delivered(replies, null);
        }
        SmtpReply data = step(SmtpTranscript.Step.DATA, "DATA", timeouts.data());
        if (data.code() != 354) {
            reset();
            throw new SmtpRefusal("DATA", data);
        }
        transcript.begin(SmtpTranscript.Step.MESSAGE);
        long since = System.nanoTime();
        try {
            writeDotStuffed(mime);
        } catch (IOException e) {
            broken = true;
            if (awaitingEndOfData) {
                throw new OutcomeUnknown(replies, "the connection was lost while the end of the data was sent", e);
            }
            throw e;
        }
        SmtpReply answer;
        try {
            answer = read(timeouts.endOfData());
        } catch (IOException e) {
            throw new OutcomeUnknown(replies, e instanceof SocketTimeoutException
                    ? "no reply to the end of the data within " + timeouts.endOfData().toSeconds() + " s"
                    : "the connection was lost after the end of the data", e);
        }
        awaitingEndOfData = false;
        lastUsed = System.nanoTime();
        transcript.replied(SmtpTranscript.Step.MESSAGE, answer, since(since));
        return new Delivered(replies, answer);
    }

    /**
     * The envelope in one write, as a server that offers PIPELINING takes it (RFC 2920): MAIL FROM and every RCPT TO,
     * then their replies in order, each within its own timeout. Answers the reply to MAIL FROM and puts each
     * recipient's in {@code replies} (when MAIL FROM was refused, the server's answers to the recipients are read and
     * dropped). DATA is sent on its own, once a recipient was accepted.
     */
    private SmtpReply pipelined(String mail, List<String> recipients, Map<String, SmtpReply> replies) throws IOException {
        Timeouts timeouts = options.timeouts();
        transcript.begin(SmtpTranscript.Step.MAIL_FROM);
        long since = System.nanoTime();
        try {
            StringBuilder envelope = new StringBuilder(mail).append("\r\n");
            recipients.forEach(recipient -> envelope.append("RCPT TO:<").append(recipient).append(">\r\n"));
            out.write(envelope.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
        SmtpReply from = read(timeouts.mail());
        transcript.replied(SmtpTranscript.Step.MAIL_FROM, from, since(since));
        for (String recipient : recipients) {
            transcript.begin(SmtpTranscript.Step.RCPT_TO);
            SmtpReply reply;
            try {
                reply = read(timeouts.rcpt());
            } catch (IOException e) {
                if (from.positive()) {
                    throw e;
                }
                broken = true; // a server that refused MAIL FROM may hang up: the refusal is what counts
                return from;
            }
            transcript.replied(SmtpTranscript.Step.RCPT_TO, reply, since(since));
            if (from.positive()) {
                replies.put(recipient, reply);
            }
        }
        return from;
    }

    /** Whether another transaction may follow on this connection. */
    public boolean reusable() {
        return !broken && !socket.isClosed();
    }

    /** Whether the server accepted MAIL FROM in the last transaction: from then on, a failure may have delivered it. */
    public boolean started() {
        return started;
    }

    /**
     * Whether the whole message of the current transaction went out and its reply has not come: cut off now,
     * the server may have taken it.
     */
    boolean awaitingEndOfData() {
        return awaitingEndOfData;
    }

    /** The server's replies to the recipients of the current transaction. */
    Map<String, SmtpReply> recipientReplies() {
        return recipientReplies;
    }

    /** Nanos since the last transaction ended (System.nanoTime based). */
    long idleNanos() {
        return System.nanoTime() - lastUsed;
    }

    /** Says goodbye when the server is still listening, then closes. */
    public void quit() {
        if (reusable()) {
            try {
                command("QUIT", Duration.ofSeconds(1));
            } catch (IOException e) {
                // closing anyway
            }
        }
        close();
    }

    @Override
    public void close() {
        broken = true;
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    private void hello() throws IOException, SmtpRefusal {
        Duration timeout = options.timeouts().other();
        SmtpReply ehlo = step(SmtpTranscript.Step.EHLO, "EHLO " + options.ehloName(), timeout);
        if (ehlo.positive()) {
            capabilities = ehlo.lines().stream().skip(1).map(c -> c.strip().toUpperCase(Locale.ROOT)).toList();
            return;
        }
        // a server from before ESMTP
        expect("EHLO", step(SmtpTranscript.Step.EHLO, "HELO " + options.ehloName(), timeout), 250);
        capabilities = List.of();
    }

    private void signIn() throws IOException, SmtpRefusal {
        List<String> mechanisms = capabilities.stream()
                .filter(c -> c.startsWith("AUTH ") || c.startsWith("AUTH="))
                .flatMap(c -> Arrays.stream(c.substring(5).trim().split("\\s+")))
                .toList();
        transcript.begin(SmtpTranscript.Step.AUTH);
        SmtpReply reply;
        if (endpoint.authMethod() == AuthMethod.XOAUTH2) {
            requireMechanism(mechanisms, "XOAUTH2");
            reply = auth("AUTH XOAUTH2 " + base64("user=" + endpoint.username() + "\u0001auth=Bearer "
                    + endpoint.password() + "\u0001\u0001"));
            if (reply.code() == 334) {
                reply = auth(""); // the server's reason came as a challenge; an empty answer gets the final reply
            }
        } else if (mechanisms.contains("PLAIN")) {
            transcript.signingIn("PLAIN");
            reply = auth("AUTH PLAIN " + base64("\0" + endpoint.username() + "\0" + password()));
        } else {
            requireMechanism(mechanisms, "LOGIN");
            reply = auth("AUTH LOGIN");
            if (reply.code() == 334) {
                reply = auth(base64(endpoint.username()));
            }
            if (reply.code() == 334) {
                reply = auth(base64(password()));
            }
        }
        expect("AUTH", reply, 235);
    }

    private String password() {
        return endpoint.password() == null ? "" : endpoint.password();
    }

    /** One command of the sign-in; what is sent (a secret) is never told, only the reply. */
    private SmtpReply auth(String line) throws IOException {
        return step(SmtpTranscript.Step.AUTH, line, options.timeouts().other());
    }

    private void requireMechanism(List<String> offered, String mechanism) throws IOException {
        if (!offered.contains(mechanism)) {
            throw new SmtpStopped(SmtpStopped.Reason.NO_AUTH_MECHANISM, offered, "The server does not offer AUTH "
                    + mechanism + " (it offers " + (offered.isEmpty() ? "no sign-in" : String.join(", ", offered)) + ")");
        }
        transcript.signingIn(mechanism);
    }

    private boolean offers(String extension) {
        return capabilities.stream().anyMatch(c -> c.equals(extension) || c.startsWith(extension + " "));
    }

    private void reset() throws IOException {
        if (!command("RSET").positive()) {
            broken = true;
        }
    }

    private void expect(String stage, SmtpReply reply, int code) throws SmtpRefusal {
        if (reply.code() != code) {
            broken = true;
            throw new SmtpRefusal(stage, reply);
        }
    }

    private SSLSocket tls(Socket plain) throws IOException {
        transcript.begin(SmtpTranscript.Step.TLS);
        long since = System.nanoTime();
        SSLSocket ssl = (SSLSocket) options.tls().getSocketFactory()
                .createSocket(plain, endpoint.host(), endpoint.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!SmtpEndpoint.isIpLiteral(endpoint.host())) {
            parameters.setServerNames(List.of(new SNIHostName(endpoint.host())));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(plain.getSoTimeout());
        ssl.startHandshake();
        transcript.secured(ssl.getSession(), since(since));
        return ssl;
    }

    private void use(Socket next) throws IOException {
        socket = next;
        in = new BufferedInputStream(next.getInputStream());
        out = new BufferedOutputStream(next.getOutputStream(), 64 * 1024);
    }

    /** A command of one step, its reply told to the transcript. */
    private SmtpReply step(SmtpTranscript.Step step, String line, Duration timeout) throws IOException {
        if (step != SmtpTranscript.Step.AUTH) {
            transcript.begin(step);
        }
        long since = System.nanoTime();
        SmtpReply reply = command(line, timeout);
        transcript.replied(step, reply, since(since));
        return reply;
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private SmtpReply command(String line) throws IOException {
        return command(line, options.timeouts().other());
    }

    private SmtpReply command(String line, Duration timeout) throws IOException {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
        return read(timeout);
    }

    /**
     * The message, with every line that starts with a dot doubled (RFC 5321 4.5.2), then the closing dot; each
     * block of it written within the data block timeout.
     */
    private void writeDotStuffed(byte[] mime) throws IOException {
        BlockWriter blocks = new BlockWriter();
        int start = 0;
        for (int i = 0; i < mime.length; i++) {
            if (mime[i] == '.' && (i == 0 || mime[i - 1] == '\n')) {
                blocks.write(mime, start, i - start);
                blocks.write(DOT, 0, 1);
                start = i;
            }
        }
        blocks.write(mime, start, mime.length - start);
        boolean endsWithLine = mime.length >= 2 && mime[mime.length - 2] == '\r' && mime[mime.length - 1] == '\n';
        byte[] end = (endsWithLine ? ".\r\n" : "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII);
        awaitingEndOfData = true; // from here on, the server may have the whole message
        blocks.write(end, 0, end.length);
        blocks.flush();
    }

    private static final byte[] DOT = { '.' };

    /** Writes the message in blocks, each of which must leave within the data block timeout or the connection is closed. */
    private final class BlockWriter {
        private int pending;

        void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int part = Math.min(length, BLOCK - pending);
                out.write(bytes, offset, part);
                pending += part;
                offset += part;
                length -= part;
                if (pending == BLOCK) {
                    flush();
                }
            }
        }

        void flush() throws IOException {
            ScheduledFuture<?> cut = WRITES.schedule(SmtpSession.this::close, options.timeouts().block().toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                out.flush();
            } finally {
                cut.cancel(false);
            }
            pending = 0;
        }
    }

    private SmtpReply read(Duration timeout) throws IOException {
        socket.setSoTimeout(millis(timeout));
        return read();
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    private SmtpReply read() throws IOException {
        SmtpReply reply;
        try {
            reply = SmtpReply.read(in);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
        if (reply.code() == 421) {
            broken = true; // the server is closing the connection
        }
        return reply;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
