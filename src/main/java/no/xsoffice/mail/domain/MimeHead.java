package no.xsoffice.mail.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header block of stored MIME bytes, split into its fields (each with its folded lines, without the final
 * CRLF), and where the body starts. The body itself is never copied.
 */
final class MimeHead {

    /** One header field as it is in the message: {@code raw} is {@code Name: value} with its folds. */
    record Field(String name, String raw) {
        String lowerName() {
            return name.toLowerCase(Locale.ROOT);
        }

        /** The value after the colon, unfolded. */
        String value() {
            return raw.substring(raw.indexOf(':') + 1).replaceAll("\r?\n", "");
        }
    }

    final List<Field> fields;
    final int bodyStart;

    private MimeHead(List<Field> fields, int bodyStart) {
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    static MimeHead of(byte[] mime) {
        List<Field> fields = new ArrayList<>();
        int i = 0;
        StringBuilder current = null;
        while (i < mime.length) {
            int end = lineEnd(mime, i);
            int next = end < mime.length && mime[end] == '\r' ? end + 2 : end + 1;
            if (end == i) { // the empty line: the body follows
                if (current != null) {
                    fields.add(field(current));
                }
                return new MimeHead(fields, Math.min(next, mime.length));
            }
            String line = new String(mime, i, end - i, StandardCharsets.ISO_8859_1);
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append("\r\n").append(line);
            } else {
                if (current != null) {
                    fields.add(field(current));
                }
                current = new StringBuilder(line);
            }
            i = next;
        }
        if (current != null) {
            fields.add(field(current));
        }
        return new MimeHead(fields, mime.length);
    }

    /** The first field of that name, or null. */
    Field first(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    /** The message again with these fields in front of the untouched body. */
    static byte[] join(List<String> rawFields, byte[] mime, int bodyStart) {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        for (String raw : rawFields) {
            head.writeBytes(raw.getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(CRLF);
        }
        head.writeBytes(CRLF);
        byte[] h = head.toByteArray();
        byte[] out = new byte[h.length + mime.length - bodyStart];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(mime, bodyStart, out, h.length, mime.length - bodyStart);
        return out;
    }

    static final byte[] CRLF = { '\r', '\n' };

    private static Field field(StringBuilder raw) {
        String text = raw.toString();
        int colon = text.indexOf(':');
        return new Field(colon < 0 ? text : text.substring(0, colon).trim(), text);
    }

    /** Index of the CR of a CRLF (or of a bare LF) ending the line that starts at {@code from}. */
    private static int lineEnd(byte[] mime, int from) {
        for (int i = from; i < mime.length; i++) {
            if (mime[i] == '\n') {
                return i > from && mime[i - 1] == '\r' ? i - 1 : i;
            }
        }
        return mime.length;
    }
}
