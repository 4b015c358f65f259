package no.xsoffice.mail.diagnostics;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import no.xsoffice.mail.smtpclient.SmtpReply;

/**
 * The command-and-reply side of one SMTP connection: lines out, multi-line replies in, with
 * bounded lines and replies so that a misbehaving server cannot make the test hold much memory.
 */
final class SmtpConnection implements Closeable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    SmtpConnection(Socket socket) throws IOException {
        use(socket);
    }

    /** Continues on another socket over the same connection (after a STARTTLS handshake). */
    void use(Socket next) throws IOException {
        socket = next;
        in = new BufferedInputStream(next.getInputStream());
        out = next.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    /** True when the server sent more than it was asked for (bytes after the STARTTLS reply: an injection). */
    boolean hasUnreadInput() throws IOException {
        return in.available() > 0;
    }

    /** The extensions an EHLO answer offers (every line after the first). */
    static List<String> capabilities(SmtpReply ehlo) {
        return ehlo.lines().stream().skip(1).map(StageLog::oneLine).toList();
    }

    /** The sign-in methods an EHLO answer offers, in upper case: "AUTH PLAIN LOGIN" or the old "AUTH=LOGIN". */
    static List<String> mechanisms(List<String> capabilities) {
        return capabilities.stream()
                .map(c -> c.toUpperCase(Locale.ROOT))
                .filter(c -> c.startsWith("AUTH ") || c.startsWith("AUTH="))
                .flatMap(c -> Arrays.stream(c.substring(5).trim().split("\\s+")))
                .toList();
    }

    /** AUTH PLAIN or LOGIN; the answer to the last step. The password is sent, never kept or shown. */
    SmtpReply signIn(String mechanism, String username, String password) throws IOException {
        if (mechanism.equals("PLAIN")) {
            String response = base64("\0" + username + "\0" + password);
            SmtpReply reply = command("AUTH PLAIN " + response);
            return reply.is(334) ? command(response) : reply;
        }
        SmtpReply reply = command("AUTH LOGIN");
        if (reply.is(334)) {
            reply = command(base64(username));
        }
        return reply.is(334) ? command(base64(password)) : reply;
    }

    /**
     * AUTH XOAUTH2 with an access token; the answer to the last step. A server that refuses the token
     * first sends its reason as a 334 challenge (base64 JSON), which {@link #challenge} reads; an empty
     * line then gets the final reply.
     */
    SmtpReply signInWithToken(String username, String accessToken) throws IOException {
        return command("AUTH XOAUTH2 " + base64("user=" + username + "\u0001auth=Bearer " + accessToken + "\u0001\u0001"));
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

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    SmtpReply command(String line) throws IOException {
        send(line);
        return read();
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendRaw(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    SmtpReply read() throws IOException {
        return SmtpReply.read(in);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: the test is over
        }
    }
}
