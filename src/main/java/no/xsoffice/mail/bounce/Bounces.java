package no.xsoffice.mail.bounce;

import no.xsoffice.mail.address.Verp;
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
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.persistence.EntityManager;

import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.send.OutboxMessage;
import no.xsoffice.mail.send.Recipient;
import no.xsoffice.mail.send.RecipientStatus;
import no.xsoffice.mail.suppression.SuppressionReason;
import no.xsoffice.mail.suppression.Suppressions;
import no.xsoffice.mail.transport.TransportKind;
import no.xsoffice.mail.webhook.DeliveryEvents;

/**
 * Reads a returned mail: a delivery status notification (RFC 3464, with Angus Mail's {@code dsn} module) names
 * its message by the VERP envelope sender it was returned to (else by the Message-ID of the returned headers),
 * and each recipient whose {@code Action} is {@code failed} becomes {@code BOUNCED}, with its status and diagnostic,
 * and a {@code message.bounced} event in the same transaction. {@code delayed} and other actions change nothing.
 * For relay and organisation-server mail, a hard bounce (a 5.x.x status other than 5.2.2 mailbox full and 5.3.4
 * message too big) suppresses the address for the message's organisation at once; a soft one (4.x.x, 5.2.2) counts
 * towards a suppression ({@link Suppressions#softBounce}); 5.3.4 says nothing of the address and counts for neither.
 */
@ApplicationScoped
public class Bounces {

    private static final Logger LOG = Logger.getLogger(Bounces.class);

    /** What a bounce did: the message and the recipients it marked. */
    @Schema(name = "BounceResult")
    public record Result(UUID id, String messageId, List<Recipient> bounced,
            @Schema(description = "The addresses this bounce put on the organisation's suppression list") List<String> suppressed) {
    }

    private record Failed(String address, String code, String reply) {
    }

    private final EntityManager em;
    private final Suppressions suppressions;

    public Bounces(EntityManager em, Suppressions suppressions) {
        this.em = em;
        this.suppressions = suppressions;
    }

    /** Whether a failed recipient's status is a lasting one: 5.x.x, except mailbox full and message too big. */
    static boolean hard(String code) {
        return code != null && code.startsWith("5.") && !code.startsWith("5.2.2") && !code.startsWith("5.3.4");
    }

    /** Whether it is a passing one that counts towards a suppression: 4.x.x, and 5.2.2 mailbox full. */
    static boolean soft(String code) {
        return code != null && (code.startsWith("4.") || code.startsWith("5.2.2"));
    }

    public Result read(byte[] mail) {
        MimeMessage message;
        List<Failed> failed = new ArrayList<>();
        Optional<UUID> id;
        String returnedMessageId;
        try {
            message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail));
            DeliveryStatus status = deliveryStatus(message, 0);
            if (status == null) {
                throw ProblemException.unprocessable("not-a-dsn",
                        "The mail is not a delivery status notification (multipart/report with message/delivery-status)");
            }
            for (int i = 0; i < status.getRecipientDSNCount(); i++) {
                InternetHeaders r = status.getRecipientDSN(i);
                String action = InboundMail.first(r, "Action");
                String address = InboundMail.address(InboundMail.first(r, "Final-Recipient"));
                if (address == null) {
                    address = InboundMail.address(InboundMail.first(r, "Original-Recipient"));
                }
                if (address != null && action != null && action.trim().toLowerCase(Locale.ROOT).startsWith("failed")) {
                    String code = InboundMail.first(r, "Status");
                    String diagnostic = InboundMail.first(r, "Diagnostic-Code");
                    failed.add(new Failed(address, code == null ? null : code.trim(), ((code == null ? "" : code.trim() + " ")
                            + (diagnostic == null ? "" : unfold(diagnostic))).trim()));
                }
            }
            id = verpOf(message);
            returnedMessageId = id.isPresent() ? null : returnedMessageId(message, 0);
        } catch (MessagingException | IOException e) {
            throw ProblemException.unprocessable("not-a-dsn", "The mail could not be read as MIME: " + e.getMessage());
        }
        if (failed.isEmpty()) {
            throw ProblemException.unprocessable("no-failed-recipient",
                    "The notification reports no failed recipient (Action: failed)");
        }
        return QuarkusTransaction.requiringNew().call(() -> mark(id, returnedMessageId, failed));
    }

    private Result mark(Optional<UUID> id, String returnedMessageId, List<Failed> failed) {
        Optional<UUID> found = id.isPresent() ? id : returnedMessageId == null ? Optional.empty()
                : OutboxMessage.<OutboxMessage>find("messageId", returnedMessageId).firstResultOptional().map(m -> m.id);
        OutboxMessage message = found.map(f -> OutboxMessage.lockAll(List.of(f)).get(f)).orElseThrow(() -> ProblemException
                .unprocessable("unknown-message", "The notification matches no message sent by this service"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Recipient> after = new ArrayList<>();
        List<Recipient> bounced = new ArrayList<>();
        for (Recipient r : message.recipientStates()) {
            Optional<Failed> f = failed.stream().filter(x -> x.address().equalsIgnoreCase(r.address())).findFirst();
            // a suppressed recipient was never sent the message, so nothing of it can come back
            if (f.isPresent() && r.status() != RecipientStatus.BOUNCED && r.status() != RecipientStatus.SUPPRESSED) {
                Recipient b = new Recipient(r.address(), RecipientStatus.BOUNCED, f.get().reply(), now);
                after.add(b);
                bounced.add(b);
            } else {
                after.add(r);
            }
        }
        if (bounced.isEmpty()) {
            boolean already = message.recipientStates().stream().anyMatch(r -> r.status() == RecipientStatus.BOUNCED
                    && failed.stream().anyMatch(x -> x.address().equalsIgnoreCase(r.address())));
            if (!already) {
                throw ProblemException.unprocessable("unknown-recipient",
                        "The notification's failed recipients are not recipients of message " + message.id);
            }
            return new Result(message.id, message.messageId, List.of(), List.of()); // the same bounce again: nothing new
        }
        message.recipientStates = after;
        message.updatedAt = now;
        DeliveryEvents.Batch events = new DeliveryEvents.Batch();
        events.add(DeliveryEvents.BOUNCED, message.id);
        events.write(em);
        LOG.infof("Message %s: %d recipient(s) bounced", message.id, bounced.size());
        List<String> suppressed = new ArrayList<>();
        if (message.transport != TransportKind.USER) { // a user's own server is their reputation, not ours
            for (Recipient b : bounced) {
                Failed f = failed.stream().filter(x -> x.address().equalsIgnoreCase(b.address())).findFirst().orElseThrow();
                boolean hard = hard(f.code());
                em.createNativeQuery("insert into bounce_event (org_id, address, message_id, at, hard)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                        .setParameter(1, message.orgId).setParameter(2, Suppressions.normalise(b.address()))
                        .setParameter(3, message.id).setParameter(4, Timestamp.from(now)).setParameter(5, hard)
                        .executeUpdate();
                boolean listed = hard ? suppressions.suppress(message.orgId, b.address(), SuppressionReason.HARD_BOUNCE,
                        message.messageId, f.reply(), null, null)
                        : soft(f.code()) && suppressions.softBounce(message.orgId, b.address(), message.messageId, f.reply());
                if (listed) {
                    suppressed.add(Suppressions.normalise(b.address()));
                }
            }
        }
        return new Result(message.id, message.messageId, bounced, suppressed);
    }

    /** The message/delivery-status part, however deep in the report (Exchange nests it in the first level too). */
    private static DeliveryStatus deliveryStatus(Part part, int depth) throws MessagingException, IOException {
        if (depth > 3) {
            return null;
        }
        if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
            try (InputStream in = part.getInputStream()) {
                return new DeliveryStatus(in);
            }
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
            for (int i = 0; i < multipart.getCount(); i++) {
                DeliveryStatus found = deliveryStatus(multipart.getBodyPart(i), depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The Message-ID of the returned message's headers (text/rfc822-headers or message/rfc822). */
    private static String returnedMessageId(Part part, int depth) throws MessagingException, IOException {
        if (depth > 3) {
            return null;
        }
        if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")) {
            try (InputStream in = part.getInputStream()) {
                String id = InboundMail.first(new InternetHeaders(in), "Message-ID");
                return id == null ? null : id.trim();
            }
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = returnedMessageId(multipart.getBodyPart(i), depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Optional<UUID> verpOf(MimeMessage message) throws MessagingException {
        for (String name : InboundMail.ADDRESSED_TO) {
            String[] values = message.getHeader(name);
            if (values != null) {
                for (String value : values) {
                    Optional<UUID> id = Verp.messageOf(value);
                    if (id.isPresent()) {
                        return id;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String unfold(String value) {
        String text = MimeUtility.unfold(value).replaceAll("\\s+", " ").trim();
        return text.toLowerCase(Locale.ROOT).startsWith("smtp;") ? text.substring(5).trim() : text;
    }
}
