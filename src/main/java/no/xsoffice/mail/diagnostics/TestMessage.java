package no.xsoffice.mail.diagnostics;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** The one real mail a connection test sends ("Prøvesend"): plain ASCII text, ready for DATA. */
final class TestMessage {

    static final String SUBJECT = "XS Office: test av SMTP-innstillinger";

    private TestMessage() {
    }

    /** The message as DATA sends it: CRLF line endings, dot-stuffed, ending with the lone dot. */
    static byte[] data(String from, String to, String host, ZonedDateTime now) {
        String domain = from.substring(from.lastIndexOf('@') + 1);
        String text = String.join("\n",
                "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).format(now),
                "From: " + from,
                "To: " + to,
                "Subject: " + SUBJECT,
                "Message-ID: <" + UUID.randomUUID() + ".test@" + domain + ">",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "Content-Transfer-Encoding: 7bit",
                "",
                "Dette er en testmelding fra XS Office.",
                "SMTP-innstillingene virker: meldingen ble levert via " + host + ".",
                "",
                "This is a test message from XS Office: the SMTP settings work.",
                "");
        return stuff(text).getBytes(StandardCharsets.US_ASCII);
    }

    /** CRLF line endings, a second dot before every line that starts with one, and the end-of-data line. */
    static String stuff(String text) {
        StringBuilder data = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            data.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        if (text.endsWith("\n")) {
            data.setLength(data.length() - 2); // the split's empty tail is not a line
        }
        return data.append(".\r\n").toString();
    }
}
