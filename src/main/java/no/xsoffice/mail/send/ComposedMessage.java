package no.xsoffice.mail.send;

import java.util.List;

import io.vertx.ext.mail.MailMessage;

/**
 * A message ready for the outbox: its Message-ID ({@code <uuid@domain>}), the bare sender address, the SMTP
 * envelope recipients (to, cc, bcc and default BCC, deduplicated), the Vert.x message and its encoded size.
 */
public record ComposedMessage(String messageId, String from, List<String> recipients, MailMessage message,
        long sizeBytes) {
}
