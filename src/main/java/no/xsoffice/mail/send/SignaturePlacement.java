package no.xsoffice.mail.send;

import java.util.Locale;
import java.util.regex.Pattern;

import no.xsoffice.mail.send.ComposeContext.SignatureText;
import no.xsoffice.mail.signature.SignatureHtml;

/**
 * Where the signature goes. Text: after a "-- " line. In a reply or forward it goes above the quoted text,
 * which starts at the first line beginning with "&gt;" (or at the "… wrote:" / "… skrev …:" line above it), or at an
 * "-----Original Message-----" / "---------- Forwarded message ----------" line; otherwise it is appended.
 * HTML: a {@code <div class="xs-signature">} before the first {@code <blockquote} of a reply or forward,
 * else before {@code </body>}, else at the end.
 */
final class SignaturePlacement {

    private static final Pattern SEPARATOR = Pattern.compile(
            "-{2,}\\s*(Original Message|Forwarded message|Opprinnelig melding|Videresendt melding)\\s*-{2,}",
            Pattern.CASE_INSENSITIVE);
    /** "On 5 May 2025, Ola wrote:" / "Den 5. mai 2025 kl. 10:00 skrev Ola <ola@example.com>:" */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            ".*(wrote|skrev|skreiv|schrieb|écrit|escribió).*:\\s*", Pattern.CASE_INSENSITIVE);

    private SignaturePlacement() {
    }

    static String text(String body, SignatureText signature, MessageKind kind) {
        String text = signature == null ? null
                : signature.text() != null ? signature.text()
                : signature.html() != null ? SignatureHtml.toText(signature.html()) : null;
        if (body == null || text == null || text.isBlank()) {
            return body;
        }
        String block = "-- \n" + text.replace("\r\n", "\n").strip();
        int quote = kind == MessageKind.NEW ? -1 : quoteStart(body);
        if (quote < 0) {
            return body.stripTrailing() + "\n\n" + block + "\n";
        }
        String above = body.substring(0, quote).stripTrailing();
        return (above.isEmpty() ? "" : above + "\n\n") + block + "\n\n" + body.substring(quote);
    }

    static String html(String body, SignatureText signature, MessageKind kind) {
        String html = signature == null ? null
                : signature.html() != null ? signature.html()
                : signature.text() != null ? escape(signature.text().strip()).replace("\n", "<br>") : null;
        if (body == null || html == null || html.isBlank()) {
            return body;
        }
        String block = "<div class=\"xs-signature\">" + html + "</div>";
        String lower = body.toLowerCase(Locale.ROOT);
        int at = kind == MessageKind.NEW ? -1 : lower.indexOf("<blockquote");
        if (at < 0) {
            at = lower.lastIndexOf("</body>");
        }
        return at < 0 ? body + block : body.substring(0, at) + block + body.substring(at);
    }

    /** Index of the first character of the quoted part of a plain-text reply, or -1. */
    static int quoteStart(String body) {
        int offset = 0;
        int lastTextOffset = -1;
        String lastText = null;
        for (String line : body.split("\n", -1)) {
            if (line.startsWith(">")) {
                return lastText != null && ATTRIBUTION.matcher(lastText).matches() ? lastTextOffset : offset;
            }
            if (SEPARATOR.matcher(line.strip()).matches()) {
                return offset;
            }
            if (!line.isBlank()) {
                lastText = line;
                lastTextOffset = offset;
            }
            offset += line.length() + 1;
        }
        return -1;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
