package no.xsoffice.mail.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import no.xsoffice.mail.address.MailAddress;

/** Header values in RFC 5322 / RFC 2047 form; long values are folded with CRLF and a space. */
public final class MimeHeaders {

    public static final String FOLD = "\r\n ";
    private static final Pattern ATOMS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+");
    private static final int WORD_BYTES = 39; // 52 base64 characters: a word of 64, a line of at most 78

    private MimeHeaders() {
    }

    public static String mailbox(MailAddress address) {
        return address.name() == null ? address.address() : phrase(address.name()) + " <" + address.address() + ">";
    }

    public static String mailboxes(List<MailAddress> addresses) {
        return String.join("," + FOLD, addresses.stream().map(MimeHeaders::mailbox).toList());
    }

    /** A subject: printable ASCII folded at spaces, anything else as encoded words; {@code used}: the name's columns. */
    public static String unstructured(String text, int used) {
        if (!isPrintableAscii(text) || text.contains("=?")) {
            return encodedWords(text);
        }
        StringBuilder folded = new StringBuilder();
        int column = used;
        for (String word : text.split("(?= )")) {
            if (column > used && column + word.length() > 76) {
                folded.append("\r\n");
                column = 0;
            }
            if (word.length() > 900) {
                return encodedWords(text);
            }
            folded.append(word);
            column += word.length();
        }
        return folded.toString();
    }

    /** A parameter value (file name) as a quoted string; non-ASCII names as encoded words inside the quotes. */
    public static String quoted(String value) {
        String inner = isPrintableAscii(value) && !value.contains("=?") ? value.replace("\\", "\\\\").replace("\"", "\\\"")
                : encodedWords(value);
        return "\"" + inner + "\"";
    }

    private static String phrase(String name) {
        if (!isPrintableAscii(name) || name.contains("=?")) {
            return encodedWords(name);
        }
        return ATOMS.matcher(name).matches() && !name.startsWith(" ") && !name.endsWith(" ") ? name
                : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Base64 encoded words of whole characters, so that each word decodes on its own. */
    public static String encodedWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int length = character.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + length > WORD_BYTES) {
                words.add(word(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(character);
            bytes += length;
            i += Character.charCount(codePoint);
        }
        words.add(word(chunk.toString()));
        return String.join(FOLD, words);
    }

    private static String word(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static boolean isPrintableAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
