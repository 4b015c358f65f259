package no.xsoffice.mail.bounce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import no.xsoffice.mail.address.Verp;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.send.OutboxMessage;
import no.xsoffice.mail.send.Recipient;
import no.xsoffice.mail.send.RecipientStatus;
import no.xsoffice.mail.suppression.SuppressionReason;
import no.xsoffice.mail.suppression.Suppressions;
import no.xsoffice.mail.transport.TransportKind;
import no.xsoffice.mail.webhook.DeliveryEvents;

/**
 * Reads a complaint: an Abuse Reporting Format report (RFC 5965, {@code multipart/report;
 * report-type=feedback-report}) names its message by the VERP envelope sender (its {@code Original-Mail-From}, the
 * returned message's {@code Return-Path}, or where the report was sent), else by the Message-ID of the returned
 * message or headers; its recipient ({@code Original-Rcpt-To}, else the one recipient of the message the returned
 * headers name, else the message's only recipient) becomes {@code COMPLAINED} with a {@code message.complained}
 * event (unless its {@code Feedback-Type} is {@code not-spam}, RFC 6430, which changes nothing), and, for relay and
 * organisation-server mail, the address is suppressed for the message's organisation: the
 * organisation always comes from the message found, never from the report.
 */
@ApplicationScoped
public class Complaints {

    private static final Logger LOG = Logger.getLogger(Complaints.class);
    /** A recipient said the message is wanted (RFC 6430); every other feedback type is a complaint. */
    private static final String NOT_SPAM = "not-spam";
    static final String EXPECTED = "an Abuse Reporting Format report (RFC 5965): multipart/report with"
            + " report-type=feedback-report and a message/feedback-report part";

    /** What a complaint did: the message, the recipients marked, and the addresses it suppressed. */
    @Schema(name = "ComplaintResult")
    public record Result(UUID id, String messageId, List<Recipient> complained,
            @Schema(description = "The addresses this complaint put on the organisation's suppression list")
            List<String> suppressed) {
    }

    /** What the report says. */
    private record Report(String feedbackType, List<String> envelopeSenders, String originalRecipient,
            String returnedMessageId, List<String> returnedRecipients) {
    }

    private final EntityManager em;
    private final Suppressions suppressions;

    public Complaints(EntityManager em, Suppressions suppressions) {
        this.em = em;
        this.suppressions = suppressions;
    }

    public Result read(byte[] mail) {
        Report report;
        try {
            report = report(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail)));
        } catch (MessagingException | IOException e) {
            throw ProblemException.unprocessable("not-an-arf-report", "Expected " + EXPECTED
                    + "; the mail could not be read as MIME: " + e.getMessage());
        }
        return QuarkusTransaction.requiringNew().call(() -> mark(report));
    }

    private static Report report(MimeMessage message) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/report")
                || !"feedback-report".equalsIgnoreCase(new ContentType(message.getContentType()).getParameter("report-type"))) {
            throw notArf("the mail is " + new ContentType(message.getContentType()).getBaseType());
        }
        Multipart parts = new MimeMultipart(message.getDataHandler().getDataSource());
        InternetHeaders feedback = null;
        InternetHeaders returned = null;
        for (int i = 0; i < parts.getCount(); i++) {
            Part part = parts.getBodyPart(i);
            if (part.isMimeType("message/feedback-report")) {
                try (InputStream in = part.getInputStream()) {
                    feedback = new InternetHeaders(in);
                }
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                try (InputStream in = part.getInputStream()) {
                    returned = new InternetHeaders(in);
                }
            }
        }
        if (feedback == null) {
            throw notArf("it has no message/feedback-report part");
        }
        List<String> senders = new ArrayList<>();
        addAll(senders, feedback.getHeader("Original-Mail-From"));
        if (returned != null) {
            addAll(senders, returned.getHeader("Return-Path"));
        }
        for (String name : InboundMail.ADDRESSED_TO) {
            addAll(senders, message.getHeader(name));
        }
        String recipient = InboundMail.first(feedback, "Original-Rcpt-To");
        if (recipient == null) {
            recipient = InboundMail.first(feedback, "Removal-Recipient");
        }
        List<String> returnedRecipients = new ArrayList<>();
        String returnedMessageId = null;
        if (returned != null) {
            String id = InboundMail.first(returned, "Message-ID");
            returnedMessageId = id == null ? null : id.trim();
            for (String name : List.of("To", "Cc")) {
                String[] values = returned.getHeader(name);
                if (values != null) {
                    for (String value : values) {
                        try {
                            for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                                returnedRecipients.add(a.getAddress());
                            }
                        } catch (AddressException e) {
                            // a redacted or broken header names nobody
                        }
                    }
                }
            }
        }
        String type = InboundMail.first(feedback, "Feedback-Type");
        return new Report(type == null ? "abuse" : type.trim().toLowerCase(Locale.ROOT), senders, InboundMail.address(recipient),
                returnedMessageId, returnedRecipients);
    }

    private Result mark(Report report) {
        Optional<UUID> id = report.envelopeSenders().stream().map(Verp::messageOf).flatMap(Optional::stream).findFirst();
        Optional<UUID> found = id.isPresent() ? id : report.returnedMessageId() == null ? Optional.empty()
                : OutboxMessage.<OutboxMessage>find("messageId", report.returnedMessageId()).firstResultOptional()
                        .map(m -> m.id);
        OutboxMessage message = found.map(f -> OutboxMessage.lockAll(List.of(f)).get(f)).orElseThrow(() -> ProblemException
                .unprocessable("unknown-message", "The report matches no message sent by this service"));
        Recipient target = recipient(message, report).orElseThrow(() -> ProblemException.unprocessable("unknown-recipient",
                "The report names no recipient of message " + message.id + " (Original-Rcpt-To)"));
        if (NOT_SPAM.equals(report.feedbackType()) || target.status() == RecipientStatus.COMPLAINED) {
            // RFC 6430's not-spam is the opposite of a complaint; and the same complaint again is nothing new
            return new Result(message.id, message.messageId, List.of(), List.of());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String address = Suppressions.normalise(target.address());
        String reply = "Complaint (feedback type " + report.feedbackType() + ")";
        Recipient complained = new Recipient(target.address(), RecipientStatus.COMPLAINED, reply, now);
        message.recipientStates = message.recipientStates().stream()
                .map(r -> r.address().equals(target.address()) ? complained : r).toList();
        message.updatedAt = now;
        List<String> suppressed = new ArrayList<>();
        if (message.transport != TransportKind.USER) { // a user's own server is their reputation, not ours
            em.createNativeQuery("insert into complaint (org_id, address, message_id, at) values (?1, ?2, ?3, ?4)"
                    + " on conflict do nothing")
                    .setParameter(1, message.orgId).setParameter(2, address).setParameter(3, message.id)
                    .setParameter(4, Timestamp.from(now)).executeUpdate();
            if (suppressions.suppress(message.orgId, address, SuppressionReason.COMPLAINT, message.messageId, reply,
                    null, null)) {
                suppressed.add(address);
            }
        }
        DeliveryEvents.Batch events = new DeliveryEvents.Batch();
        events.add(DeliveryEvents.COMPLAINED, message.id);
        events.write(em);
        LOG.infof("Message %s: a recipient complained (%s)", message.id, report.feedbackType());
        return new Result(message.id, message.messageId, List.of(complained), suppressed);
    }

    /** The recipient complaining: the one the report names, else the only one the returned headers name, else the only one. */
    private static Optional<Recipient> recipient(OutboxMessage message, Report report) {
        // a suppressed recipient was never sent the message
        List<Recipient> recipients = message.recipientStates().stream()
                .filter(r -> r.status() != RecipientStatus.SUPPRESSED).toList();
        if (report.originalRecipient() != null) {
            return recipients.stream().filter(r -> r.address().equalsIgnoreCase(report.originalRecipient())).findFirst();
        }
        List<Recipient> named = recipients.stream().filter(r -> report.returnedRecipients().stream()
                .anyMatch(a -> a.equalsIgnoreCase(r.address()))).toList();
        if (named.size() == 1) {
            return Optional.of(named.get(0));
        }
        return recipients.size() == 1 ? Optional.of(recipients.get(0)) : Optional.empty();
    }

    private static ProblemException notArf(String why) {
        return ProblemException.unprocessable("not-an-arf-report", "Expected " + EXPECTED + "; " + why);
    }

    private static void addAll(List<String> into, String[] values) {
        if (values != null) {
            into.addAll(List.of(values));
        }
    }
}
