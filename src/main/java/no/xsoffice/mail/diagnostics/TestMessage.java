package no.xsoffice.mail.diagnostics;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** The one real mail a connection test sends ("Prøvesend"): plain ASCII text, with CRLF line endings. */
final class TestMessage {

    static final String SUBJECT = "XS Office: test av SMTP-innstillinger";

    private TestMessage() {
    }

    /** The message with CRLF line endings, as the SMTP session sends it (dot-stuffed, with the end-of-data line). */
    static byte[] data(String from, String to, String host, ZonedDateTime now) {
        String domain = from.substring(from.lastIndexOf('@') + 1);
        String text = String.join("\r\n",
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
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
