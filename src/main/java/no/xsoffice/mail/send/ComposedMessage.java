package no.xsoffice.mail.send;

import java.util.List;

/**
 * A message ready for the outbox: its Message-ID ({@code <uuid@domain>}), the bare sender address, the SMTP
 * envelope recipients (to, cc, bcc and default BCC, deduplicated), and the MIME message as it is sent (CRLF line
 * ends, before dot-stuffing).
 */
public record ComposedMessage(String messageId, String from, List<String> recipients, byte[] mime) {

    /** The message's size on the wire, as declared to the server in MAIL FROM … SIZE=. */
    public long sizeBytes() {
        return mime.length;
    }
}
