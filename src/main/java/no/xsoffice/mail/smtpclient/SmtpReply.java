package no.xsoffice.mail.smtpclient;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A complete SMTP reply: its code and every line's text, without the code. */
public record SmtpReply(int code, List<String> lines) {

    /** Bounds on what a server may send as one reply, so that a misbehaving one cannot make a reader hold much. */
    static final int MAX_LINE = 4096;
    static final int MAX_LINES = 100;

    /**
     * Reads one reply, every line of a multi-line one (RFC 5321 4.2.1). Fails on an answer that is not an SMTP
     * reply, a line over {@value #MAX_LINE} bytes, a reply over {@value #MAX_LINES} lines, or a closed connection.
     */
    public static SmtpReply read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine(in);
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)
                    || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IOException("The server's answer is not an SMTP reply: " + shown(line));
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(Integer.parseInt(line.substring(0, 3)), List.copyOf(lines));
            }
            if (lines.size() >= MAX_LINES) {
                throw new IOException("The server's reply has more than " + MAX_LINES + " lines");
            }
        }
    }

    public boolean is(int expected) {
        return code == expected;
    }

    /**
     * A completion reply (2xx), the only acceptance of EHLO, MAIL FROM, RCPT TO, RSET and the end of the data; the
     * intermediate replies of DATA (354) and AUTH (334) are checked by their code where they are expected.
     */
    public boolean positive() {
        return code >= 200 && code < 300;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** The whole reply on one line, every line kept: "550 5.4.5 Daily user sending limit exceeded. …". */
    public String text() {
        return (code + " " + String.join(" ", lines)).replaceAll("\\p{Cntrl}+", " ").strip();
    }

    @Override
    public String toString() {
        return text();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The server closed the connection");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("The server sent a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    /** A line a server sent, as an error may show it: printable and short. */
    private static String shown(String line) {
        String printable = line.replaceAll("\\p{Cntrl}+", " ").strip();
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
