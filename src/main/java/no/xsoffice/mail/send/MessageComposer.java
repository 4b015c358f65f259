package no.xsoffice.mail.send;

import no.xsoffice.mail.mime.MimeHeaders;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.send.ComposeContext.SignatureText;
import no.xsoffice.mail.send.SendRequest.Attachment;

/**
 * Turns what the user wrote into the message that will be sent, once {@link MessageChecks} let it through: applies
 * the signature and the default BCC, writes the headers (Message-ID, Date, threading, RFC 2047 for non-ASCII) and the MIME message itself, the
 * bytes that will be sent. Pure: no I/O, no CDI; the outbox stores the result and the transport delivers it.
 *
 * <p>Vert.x's encoder writes From/To/Cc display names as comments and splits UTF-8 characters across encoded words,
 * so those headers, the subject and attachment names are encoded here and handed to Vert.x ready-made.
 * Folded header lines use CRLF, because Vert.x sends header values as they are.
 */
public class MessageComposer {

    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final MessageChecks checks;

    public MessageComposer(ComposeLimits limits) {
        this.checks = new MessageChecks(limits);
    }

    /** {@code violations}: those of the request's own constraints, named in one 400 with the ones of the checks. */
    public ComposedMessage compose(SendRequest request, ComposeContext context, Violations violations) {
        return compose(request, context, violations, null);
    }

    /** The links of a bulk message's List-Unsubscribe header (RFC 2369, one-click by RFC 8058). */
    public record ListUnsubscribe(String https, String mailto) {
    }

    /** {@code unsubscribe}: the links of a bulk message, null for any other. */
    public ComposedMessage compose(SendRequest request, ComposeContext context, Violations violations,
            ListUnsubscribe unsubscribe) {
        MessageChecks.Checked checked = checks.check(Violations.requireBody(request), context, violations);
        Envelope envelope = new Envelope(checked.to(), checked.cc(), checked.bcc(), checked.defaultBcc());
        MessageKind kind = request.kind() == null ? MessageKind.NEW : request.kind();
        SignatureText signature = Boolean.FALSE.equals(request.signature()) ? null
                : kind == MessageKind.NEW ? context.newMessage() : context.replyForward();
        List<byte[]> files = request.attachments() == null ? List.of()
                : request.attachments().stream().map(Attachment::content).toList();

        MailAddress sender = checked.from();
        String messageId = "<" + UUID.randomUUID() + "@" + context.messageIdDomain() + ">";
        MailMessage message = new MailMessage()
                .setFrom(sender.address())
                .setTo(orNull(envelope.to))
                .setCc(orNull(envelope.cc))
                .setBcc(orNull(envelope.bcc))
                .setSubject(request.subject() == null ? "" : request.subject())
                .setText(SignaturePlacement.text(lines(request.text()), signature, kind))
                .setHtml(SignaturePlacement.html(lines(request.html()), signature, kind));
        message.setHeaders(headers(messageId, context, sender, checked.to(), checked.cc(), checked.replyTo(),
                message.getSubject(), kind, request.inReplyTo(), checked.references()));
        if (unsubscribe != null) {
            message.getHeaders().set("List-Unsubscribe", "<" + unsubscribe.https() + ">," + MimeHeaders.FOLD + "<"
                    + unsubscribe.mailto() + ">");
            message.getHeaders().set("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (!files.isEmpty()) {
            message.setAttachment(mailAttachments(request.attachments(), files));
        }
        checks.requireSize(utf8Length(message.getText()) + utf8Length(message.getHtml())
                + files.stream().mapToLong(f -> f.length).sum());
        byte[] mime = MimeBytes.of(new MailEncoder(message, context.messageIdDomain()).encodeMail(), files);
        return new ComposedMessage(messageId, sender.address(), envelope.all(), mime);
    }

    // --- building ---------------------------------------------------------------------------------------------

    private static MultiMap headers(String messageId, ComposeContext context, MailAddress from, List<MailAddress> to,
            List<MailAddress> cc, MailAddress replyTo, String subject, MessageKind kind, String inReplyTo,
            List<String> references) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .set("Message-ID", messageId)
                .set("Date", DATE.format(context.now()))
                .set("From", MimeHeaders.mailbox(from))
                .set("Subject", MimeHeaders.unstructured(subject, "Subject: ".length()));
        if (!to.isEmpty()) {
            headers.set("To", MimeHeaders.mailboxes(to));
        }
        if (!cc.isEmpty()) {
            headers.set("Cc", MimeHeaders.mailboxes(cc));
        }
        if (replyTo != null) {
            headers.set("Reply-To", MimeHeaders.mailbox(replyTo));
        }
        if (kind != MessageKind.NEW && inReplyTo != null) {
            headers.set("In-Reply-To", inReplyTo);
        }
        if (kind != MessageKind.NEW && !references.isEmpty()) {
            headers.set("References", String.join(MimeHeaders.FOLD, references));
        }
        return headers;
    }

    /** Names and types are written here (RFC 2047 names, whole characters per encoded word), not by Vert.x. */
    private static List<MailAttachment> mailAttachments(List<Attachment> attachments, List<byte[]> files) {
        List<MailAttachment> result = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            String type = a.contentType() == null ? "application/octet-stream" : a.contentType().strip();
            String name = MimeHeaders.quoted(a.filename().strip());
            result.add(MailAttachment.create()
                    .setContentType(type + "; name=" + name)
                    .setDisposition("attachment; filename=" + name)
                    .setStream(MimeBytes.ATTACHMENT)
                    .setSize(files.get(i).length));
        }
        return result;
    }

    private static long utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Bodies with LF line ends only: Vert.x's quoted-printable would turn a CR into "=0D". */
    private static String lines(String body) {
        return isEmpty(body) ? null : body.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }

    /** Vert.x writes an empty "Cc: " header for an empty list. */
    private static List<String> orNull(List<String> list) {
        return list.isEmpty() ? null : list;
    }

    /** The SMTP envelope: each address once (case-insensitively), in to, cc, bcc order; default BCC last. */
    private static final class Envelope {
        private final Map<String, String> seen = new LinkedHashMap<>();
        final List<String> to;
        final List<String> cc;
        final List<String> bcc;

        Envelope(List<MailAddress> to, List<MailAddress> cc, List<MailAddress> bcc, String defaultBcc) {
            this.to = add(to.stream().map(MailAddress::address).toList());
            this.cc = add(cc.stream().map(MailAddress::address).toList());
            List<String> blind = new ArrayList<>(bcc.stream().map(MailAddress::address).toList());
            if (defaultBcc != null) {
                blind.add(defaultBcc);
            }
            this.bcc = add(blind);
        }

        private List<String> add(List<String> addresses) {
            List<String> added = new ArrayList<>();
            for (String address : addresses) {
                if (seen.putIfAbsent(address.toLowerCase(Locale.ROOT), address) == null) {
                    added.add(address);
                }
            }
            return added;
        }

        List<String> all() {
            return List.copyOf(seen.values());
        }
    }
}
