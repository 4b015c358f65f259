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
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.send.ComposeContext.SignatureText;
import no.xsoffice.mail.send.SendRequest.Attachment;

/**
 * Turns what the user wrote into the message that will be sent: checks it, applies the signature and the default
 * BCC, writes the headers (Message-ID, Date, threading, RFC 2047 for non-ASCII) and the MIME message itself, the
 * bytes that will be sent. Pure: no I/O, no CDI; the outbox stores the result and the transport delivers it.
 *
 * <p>Vert.x's encoder writes From/To/Cc display names as comments and splits UTF-8 characters across encoded words,
 * so those headers, the subject and attachment names are encoded here and handed to Vert.x ready-made.
 * Folded header lines use CRLF, because Vert.x sends header values as they are.
 */
public class MessageComposer {

    static final int MAX_SUBJECT = 998;
    static final int MAX_FILENAME = 255;

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern CONTENT_TYPE = Pattern.compile(
            TOKEN + "/" + TOKEN + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"[^\"\\\\]*\"))*");
    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ComposeLimits limits;

    public MessageComposer(ComposeLimits limits) {
        this.limits = limits;
    }

    public ComposedMessage compose(SendRequest request, ComposeContext context) {
        Violations.requireBody(request);
        Violations violations = new Violations();
        Optional<MailAddress> from = from(request, context, violations);
        List<MailAddress> to = addresses("to", request.to(), violations);
        List<MailAddress> cc = addresses("cc", request.cc(), violations);
        List<MailAddress> bcc = addresses("bcc", request.bcc(), violations);
        MailAddress replyTo = request.replyTo() == null ? null : address("replyTo", request.replyTo(), violations);
        checkRecipients(request, violations);
        checkContent(request, violations);
        List<String> references = threadIds(request, violations);
        List<byte[]> files = attachments(request.attachments(), violations);
        violations.throwIfAny();

        MailAddress sender = from.orElseThrow();
        requireAllowed(sender, context);
        Envelope envelope = new Envelope(to, cc, bcc, defaultBcc(context));
        MessageKind kind = request.kind() == null ? MessageKind.NEW : request.kind();
        SignatureText signature = Boolean.FALSE.equals(request.signature()) ? null
                : kind == MessageKind.NEW ? context.newMessage() : context.replyForward();

        String messageId = "<" + UUID.randomUUID() + "@" + context.messageIdDomain() + ">";
        MailMessage message = new MailMessage()
                .setFrom(sender.address())
                .setTo(orNull(envelope.to))
                .setCc(orNull(envelope.cc))
                .setBcc(orNull(envelope.bcc))
                .setSubject(request.subject() == null ? "" : request.subject())
                .setText(SignaturePlacement.text(lines(request.text()), signature, kind))
                .setHtml(SignaturePlacement.html(lines(request.html()), signature, kind));
        message.setHeaders(headers(messageId, context, sender, to, cc, replyTo, message.getSubject(), kind,
                request.inReplyTo(), references));
        if (!files.isEmpty()) {
            message.setAttachment(mailAttachments(request.attachments(), files));
        }
        long size = utf8Length(message.getText()) + utf8Length(message.getHtml())
                + files.stream().mapToLong(f -> f.length).sum();
        if (size > limits.maxBytes()) {
            throw tooLarge(size);
        }
        byte[] mime = MimeBytes.of(new MailEncoder(message, context.messageIdDomain()).encodeMail(), files);
        return new ComposedMessage(messageId, sender.address(), envelope.all(), mime);
    }

    // --- checks -----------------------------------------------------------------------------------------------

    private static Optional<MailAddress> from(SendRequest request, ComposeContext context, Violations violations) {
        if (request.from() != null) {
            return Optional.ofNullable(address("from", request.from(), violations));
        }
        Optional<String> email = Optional.ofNullable(context.userEmail()).flatMap(MailAddress::plain);
        violations.check(email.isPresent(), "from", "is required: the token carries no e-mail address");
        String name = context.userName() == null || context.userName().isBlank()
                || MailAddress.hasControl(context.userName()) ? null : context.userName().strip();
        return email.map(address -> new MailAddress(name, address));
    }

    private static void requireAllowed(MailAddress sender, ComposeContext context) {
        String address = sender.address().toLowerCase(Locale.ROOT);
        boolean allowed = context.allowedFrom() != null
                && context.allowedFrom().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(address));
        if (!allowed) {
            throw ProblemException.unprocessable("from-not-allowed", "You may not send as " + sender.address()
                    + ": use your own address, your SMTP username or one of the organisation's sender addresses");
        }
    }

    private static List<MailAddress> addresses(String field, List<String> values, Violations violations) {
        List<MailAddress> result = new ArrayList<>();
        for (int i = 0; values != null && i < values.size(); i++) {
            MailAddress address = address(field + "[" + i + "]", values.get(i), violations);
            if (address != null) {
                result.add(address);
            }
        }
        return result;
    }

    private static MailAddress address(String field, String value, Violations violations) {
        if (value == null || value.isBlank()) {
            violations.add(field, "is required");
            return null;
        }
        if (!violations.check(!MailAddress.hasControl(value), field, "must not contain control characters (CR, LF, NUL, …)")) {
            return null;
        }
        Optional<MailAddress> address = MailAddress.parse(value);
        violations.check(address.isPresent(), field, "is not a valid e-mail address");
        return address.orElse(null);
    }

    private void checkRecipients(SendRequest request, Violations violations) {
        int count = size(request.to()) + size(request.cc()) + size(request.bcc());
        violations.check(count > 0, "to", "at least one recipient (to, cc or bcc) is required");
        violations.check(count <= limits.maxRecipients(), "to",
                "at most " + limits.maxRecipients() + " recipients (to, cc and bcc together) are allowed");
    }

    private static void checkContent(SendRequest request, Violations violations) {
        String subject = request.subject();
        if (subject != null && violations.check(!MailAddress.hasControl(subject), "subject",
                "must not contain control characters (CR, LF, NUL, …)")) {
            violations.check(subject.length() <= MAX_SUBJECT, "subject", "must be at most " + MAX_SUBJECT + " characters");
        }
        violations.check(!isEmpty(request.text()) || !isEmpty(request.html()), "text", "text or html is required");
    }

    /** The References header: the given thread, then inReplyTo when it is not already in it. */
    private static List<String> threadIds(SendRequest request, Violations violations) {
        List<String> ids = new ArrayList<>();
        List<String> references = request.references() == null ? List.of() : request.references();
        for (int i = 0; i < references.size(); i++) {
            if (messageId("references[" + i + "]", references.get(i), violations)) {
                ids.add(references.get(i));
            }
        }
        if (request.inReplyTo() != null && messageId("inReplyTo", request.inReplyTo(), violations)
                && !ids.contains(request.inReplyTo())) {
            ids.add(request.inReplyTo());
        }
        return ids;
    }

    private static boolean messageId(String field, String value, Violations violations) {
        if (value == null || MailAddress.hasControl(value)) {
            violations.add(field, value == null ? "is required" : "must not contain control characters (CR, LF, NUL, …)");
            return false;
        }
        return violations.check(value.length() <= MailAddress.MAX_LENGTH * 2 && MESSAGE_ID.matcher(value).matches(),
                field, "must be a message id such as <id@example.com>");
    }

    private List<byte[]> attachments(List<Attachment> attachments, Violations violations) {
        List<byte[]> files = new ArrayList<>();
        if (attachments == null) {
            return files;
        }
        violations.check(attachments.size() <= limits.maxAttachments(), "attachments",
                "at most " + limits.maxAttachments() + " attachments are allowed");
        long bytes = attachments.stream().filter(a -> a != null && a.content() != null)
                .mapToLong(a -> a.content().length).sum();
        if (bytes > limits.maxBytes()) {
            throw tooLarge(bytes);
        }
        for (int i = 0; i < attachments.size(); i++) {
            files.add(attachment("attachments[" + i + "]", attachments.get(i), violations));
        }
        return files;
    }

    private ProblemException tooLarge(long bytes) {
        return ProblemException.tooLarge("The message's text, HTML and attachments are " + bytes + " bytes; at most "
                + limits.maxBytes() + " bytes may be sent");
    }

    private static byte[] attachment(String field, Attachment attachment, Violations violations) {
        if (attachment == null) {
            violations.add(field, "is required");
            return null;
        }
        String name = attachment.filename();
        if (name == null || name.isBlank()) {
            violations.add(field + ".filename", "is required");
        } else if (violations.check(!MailAddress.hasControl(name), field + ".filename",
                "must not contain control characters (CR, LF, NUL, …)")) {
            violations.check(name.length() <= MAX_FILENAME, field + ".filename", "must be at most " + MAX_FILENAME + " characters");
        }
        String type = attachment.contentType();
        if (type != null && violations.check(!MailAddress.hasControl(type), field + ".contentType",
                "must not contain control characters (CR, LF, NUL, …)")) {
            violations.check(CONTENT_TYPE.matcher(type.strip()).matches(), field + ".contentType",
                    "must be a MIME type such as application/pdf");
        }
        violations.check(attachment.content() != null, field + ".content", "is required");
        return attachment.content();
    }

    private static String defaultBcc(ComposeContext context) {
        if (context.defaultBcc() == null || context.defaultBcc().isBlank()) {
            return null;
        }
        return MailAddress.parse(context.defaultBcc()).map(MailAddress::address)
                .orElseThrow(() -> ProblemException.unprocessable("default-bcc-invalid",
                        "Your default BCC address is not valid; correct it in your mail preferences"));
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

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
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
