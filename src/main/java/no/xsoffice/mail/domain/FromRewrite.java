package no.xsoffice.mail.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.mime.MimeHeaders;

/**
 * Rewrites the From header of stored MIME bytes for the relay: {@code From: "Kari Nordmann via XS Office" <relay>}
 * and {@code Reply-To} the original From (an earlier Reply-To is replaced). Only header bytes change.
 */
public final class FromRewrite {

    private static final Pattern WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

    private FromRewrite() {
    }

    /** The From header value mail would carry instead of {@code from}. */
    public static String sentAs(String originalFromValue, String relayFrom) {
        String name = displayName(originalFromValue);
        String shown = (name == null || name.isBlank() ? address(originalFromValue) : name) + " via XS Office";
        return MimeHeaders.mailbox(new MailAddress(shown, relayFrom));
    }

    /** The message with its From rewritten; unchanged when it has no From. */
    public static byte[] rewrite(byte[] mime, String relayFrom) {
        MimeHead head = MimeHead.of(mime);
        MimeHead.Field from = head.first("From");
        if (from == null) {
            return mime;
        }
        String original = from.value().trim();
        List<String> fields = new ArrayList<>();
        for (MimeHead.Field f : head.fields) {
            if (f == from) {
                fields.add("From: " + sentAs(original, relayFrom));
                fields.add("Reply-To: " + original);
            } else if (!f.name().equalsIgnoreCase("From") && !f.name().equalsIgnoreCase("Reply-To")) {
                fields.add(f.raw());
            }
        }
        return MimeHead.join(fields, mime, head.bodyStart);
    }

    /** The display name of a From value, its encoded words decoded; null without one. */
    static String displayName(String value) {
        int lt = value.lastIndexOf('<');
        if (lt <= 0) {
            return null;
        }
        String phrase = value.substring(0, lt).trim();
        if (phrase.startsWith("\"") && phrase.endsWith("\"") && phrase.length() >= 2) {
            phrase = phrase.substring(1, phrase.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return decode(phrase);
    }

    static String address(String value) {
        int lt = value.lastIndexOf('<');
        int gt = value.lastIndexOf('>');
        return lt >= 0 && gt > lt ? value.substring(lt + 1, gt).trim() : value.trim();
    }

    /** RFC 2047 encoded words, as the composer writes them (and Q as others do). */
    static String decode(String text) {
        Matcher m = WORD.matcher(BETWEEN_WORDS.matcher(text).replaceAll("$1$2"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Charset charset;
            try {
                charset = Charset.forName(m.group(1).replaceAll("\\*.*", ""));
            } catch (RuntimeException e) {
                charset = StandardCharsets.UTF_8;
            }
            byte[] bytes;
            try {
                bytes = m.group(2).equalsIgnoreCase("B") ? Base64.getDecoder().decode(m.group(3)) : q(m.group(3));
            } catch (IllegalArgumentException e) {
                bytes = m.group(0).getBytes(StandardCharsets.US_ASCII);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, charset)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static byte[] q(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
