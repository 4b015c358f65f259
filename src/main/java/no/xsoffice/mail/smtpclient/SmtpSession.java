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
 * it is waiting for.
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
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private List<String> capabilities = List.of();
    private volatile boolean broken;
    private boolean started;
    private long lastUsed = System.nanoTime();
    /** The whole message and its closing dot went out, and the server's reply to it has not come (yet). */
    private volatile boolean awaitingEndOfData;
    private volatile Map<String, SmtpReply> recipientReplies = Map.of();

    private SmtpSession(SmtpEndpoint endpoint, InetAddress address, Options options) {
        this.endpoint = endpoint;
        this.address = address;
        this.options = options;
    }

    /**
     * Connects, greets and signs in; a refusal on the way is an {@link SmtpRefusal}, a network failure an IOException.
     * {@code address} is where the connection goes, the one the SSRF guard checked (no second DNS look-up); null
     * for a trusted server, which is dialled by name. TLS is verified against the endpoint's name either way.
     */
    public static SmtpSession open(SmtpEndpoint endpoint, InetAddress address, Options options) throws IOException, SmtpRefusal {
        SmtpSession session = new SmtpSession(endpoint, address, options);
        try {
            session.start();
            return session;
        } catch (IOException | SmtpRefusal | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void start() throws IOException, SmtpRefusal {
        Socket plain = new Socket();
        socket = plain;
        InetSocketAddress target = address != null ? new InetSocketAddress(address, endpoint.port())
                : new InetSocketAddress(endpoint.host(), endpoint.port());
        plain.connect(target, (int) options.connectTimeout().toMillis());
        plain.setSoTimeout(millis(options.timeouts().other()));
        use(endpoint.security() == SmtpSecurity.SSL_TLS ? tls(plain) : plain);
        expect("CONNECT", read(options.timeouts().greeting()), 220);
        hello();
        if (endpoint.security() == SmtpSecurity.STARTTLS) {
            if (!offers("STARTTLS")) {
                throw new IOException("The server does not offer STARTTLS, which these settings require; nothing was sent");
            }
            expect("STARTTLS", command("STARTTLS"), 220);
            if (in.available() > 0) {
                throw new IOException("The server sent data before the TLS handshake; the connection was dropped");
            }
            use(tls(socket));
            hello();
        }
        if (endpoint.username() != null) {
            signIn();
        }
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
        SmtpReply from = command("MAIL FROM:<" + mailFrom + ">" + (offers("SIZE") ? " SIZE=" + mime.length : ""),
                timeouts.mail());
        if (!from.positive()) {
            if (reusable()) {
                reset();
            }
            throw new SmtpRefusal("MAIL FROM", from);
        }
        started = true;
        Map<String, SmtpReply> replies = new LinkedHashMap<>();
        for (String recipient : recipients) {
            replies.put(recipient, command("RCPT TO:<" + recipient + ">", timeouts.rcpt()));
        }
        recipientReplies = replies;
        if (replies.values().stream().noneMatch(SmtpReply::positive)) {
            reset();
            return new Delivered(replies, null);
        }
        SmtpReply data = command("DATA", timeouts.data());
        if (data.code() != 354) {
            reset();
            throw new SmtpRefusal("DATA", data);
        }
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
        return new Delivered(replies, answer);
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
        SmtpReply ehlo = command("EHLO " + options.ehloName());
        if (ehlo.positive()) {
            capabilities = ehlo.lines().stream().skip(1).map(c -> c.strip().toUpperCase(Locale.ROOT)).toList();
            return;
        }
        expect("EHLO", command("HELO " + options.ehloName()), 250); // a server from before ESMTP
        capabilities = List.of();
    }

    private void signIn() throws IOException, SmtpRefusal {
        List<String> mechanisms = capabilities.stream()
                .filter(c -> c.startsWith("AUTH ") || c.startsWith("AUTH="))
                .flatMap(c -> Arrays.stream(c.substring(5).trim().split("\\s+")))
                .toList();
        SmtpReply reply;
        if (endpoint.authMethod() == AuthMethod.XOAUTH2) {
            requireMechanism(mechanisms, "XOAUTH2");
            reply = command("AUTH XOAUTH2 " + base64("user=" + endpoint.username() + "\u0001auth=Bearer "
                    + endpoint.password() + "\u0001\u0001"));
            if (reply.code() == 334) {
                reply = command(""); // the server's reason came as a challenge; an empty answer gets the final reply
            }
        } else if (mechanisms.contains("PLAIN")) {
            reply = command("AUTH PLAIN " + base64("\0" + endpoint.username() + "\0" + password()));
        } else {
            requireMechanism(mechanisms, "LOGIN");
            reply = command("AUTH LOGIN");
            if (reply.code() == 334) {
                reply = command(base64(endpoint.username()));
            }
            if (reply.code() == 334) {
                reply = command(base64(password()));
            }
        }
        expect("AUTH", reply, 235);
    }

    private String password() {
        return endpoint.password() == null ? "" : endpoint.password();
    }

    private static void requireMechanism(List<String> offered, String mechanism) throws IOException {
        if (!offered.contains(mechanism)) {
            throw new IOException("The server does not offer AUTH " + mechanism + " (it offers "
                    + (offered.isEmpty() ? "no sign-in" : String.join(", ", offered)) + ")");
        }
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
        return ssl;
    }

    private void use(Socket next) throws IOException {
        socket = next;
        in = new BufferedInputStream(next.getInputStream());
        out = new BufferedOutputStream(next.getOutputStream(), 64 * 1024);
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
