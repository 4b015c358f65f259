package no.xsoffice.mail.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.send.SendRequest.Attachment;

/**
 * The rules of a message that its request's own constraints cannot know: the limits configuration sets (recipients
 * and attachments, each a 400 naming its field; the size, a 413), the sender the token and the settings allow (a
 * 422), and the user's default BCC. Run with the request's constraints' violations, so that one 400 names every
 * invalid field; it answers the addresses parsed.
 */
final class MessageChecks {

    private final ComposeLimits limits;

    MessageChecks(ComposeLimits limits) {
        this.limits = limits;
    }

    /** The request's addresses and thread, parsed; the sender one the user may send as. */
    record Checked(MailAddress from, List<MailAddress> to, List<MailAddress> cc, List<MailAddress> bcc,
            MailAddress replyTo, List<String> references, String defaultBcc) {
    }

    /** {@code violations}: those of the request's own constraints, named with the ones found here in one 400. */
    Checked check(SendRequest request, ComposeContext context, Violations violations) {
        Optional<MailAddress> from = from(request, context, violations);
        int recipients = size(request.to()) + size(request.cc()) + size(request.bcc());
        violations.check(recipients <= limits.maxRecipients(), "to",
                "at most " + limits.maxRecipients() + " recipients (to, cc and bcc together) are allowed");
        violations.check(size(request.attachments()) <= limits.maxAttachments(), "attachments",
                "at most " + limits.maxAttachments() + " attachments are allowed");
        violations.throwIfAny();
        requireSize(request.attachments() == null ? 0 : request.attachments().stream()
                .mapToLong(a -> a.content().length).sum());

        MailAddress sender = from.orElseThrow();
        requireAllowed(sender, context);
        return new Checked(sender, addresses("to", request.to()), addresses("cc", request.cc()),
                addresses("bcc", request.bcc()), request.replyTo() == null ? null : address("replyTo", request.replyTo()),
                threadIds(request), defaultBcc(context));
    }

    /** The message's own bytes (text, HTML, attachments) within the limit, else a 413. */
    void requireSize(long bytes) {
        if (bytes > limits.maxBytes()) {
            throw ProblemException.tooLarge("The message's text, HTML and attachments are " + bytes + " bytes; at most "
                    + limits.maxBytes() + " bytes may be sent");
        }
    }

    private static Optional<MailAddress> from(SendRequest request, ComposeContext context, Violations violations) {
        if (request.from() != null) {
            return violations.has("from") ? Optional.empty() : Optional.of(address("from", request.from()));
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

    private static String defaultBcc(ComposeContext context) {
        if (context.defaultBcc() == null || context.defaultBcc().isBlank()) {
            return null;
        }
        return MailAddress.parse(context.defaultBcc()).map(MailAddress::address)
                .orElseThrow(() -> ProblemException.unprocessable("default-bcc-invalid",
                        "Your default BCC address is not valid; correct it in your mail preferences"));
    }

    /** The References header: the given thread, then inReplyTo when it is not already in it. */
    private static List<String> threadIds(SendRequest request) {
        List<String> ids = new ArrayList<>(request.references() == null ? List.of() : request.references());
        if (request.inReplyTo() != null && !ids.contains(request.inReplyTo())) {
            ids.add(request.inReplyTo());
        }
        return ids;
    }

    private static List<MailAddress> addresses(String field, List<String> values) {
        List<MailAddress> result = new ArrayList<>();
        for (int i = 0; values != null && i < values.size(); i++) {
            result.add(address(field + "[" + i + "]", values.get(i)));
        }
        return result;
    }

    /** An address the request's constraints let through. */
    private static MailAddress address(String field, String value) {
        return MailAddress.parse(value).orElseThrow(() -> ProblemException.invalid(field, "is not a valid e-mail address"));
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
