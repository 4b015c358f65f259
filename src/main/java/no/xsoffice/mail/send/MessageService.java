package no.xsoffice.mail.send;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.problem.FieldError;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.suppression.PublicConfig;
import no.xsoffice.mail.suppression.SuppressionView;
import no.xsoffice.mail.suppression.Suppressions;
import no.xsoffice.mail.suppression.UnsubscribeTokens;
import no.xsoffice.mail.transport.TransportKind;
import no.xsoffice.mail.template.TemplateCatalogue;
import no.xsoffice.mail.smtp.CredentialsSaved;

/**
 * Accepts mail: composes it with the user's signature and default BCC and stores it in the outbox with
 * its idempotency key, in one insert, due now or at its {@code sendAt}. Delivery is the dispatcher's;
 * until a dispatcher claims it, the sender may cancel it.
 */
@ApplicationScoped
public class MessageService {

    static final int MAX_KEY_LENGTH = 255;
    /** The request hash of a message sent without an Idempotency-Key: nothing will ever compare with it. */
    private static final String NO_KEY = "-";
    static final int MAX_PAGE_SIZE = 100;
    /** The last page that can be asked for: any page times any size stays far inside what the database's offset takes. */
    static final int MAX_PAGE = 100_000;
    /** A message can be cancelled until a dispatcher claims it (held ones too). */
    private static final Set<MessageStatus> CANCELLABLE = EnumSet.of(MessageStatus.SCHEDULED, MessageStatus.QUEUED,
            MessageStatus.RETRYING);

    private final MessageComposer composer;
    private final SendConfig config;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final DeliveryMetrics metrics;
    private final Outbox outbox;
    private final TemplateCatalogue templates;
    private final SentCopies sentCopies;
    private final Event<MessageAccepted> acceptedEvents;
    private final Validator validator;
    private final UnsubscribeTokens unsubscribeTokens;
    private final PublicConfig publicConfig;

    public MessageService(SendConfig config, DataSource dataSource, ObjectMapper json, DeliveryMetrics metrics,
            Outbox outbox, TemplateCatalogue templates, SentCopies sentCopies, Event<MessageAccepted> acceptedEvents,
            Validator validator, UnsubscribeTokens unsubscribeTokens, PublicConfig publicConfig) {
        this.unsubscribeTokens = unsubscribeTokens;
        this.publicConfig = publicConfig;
        this.validator = validator;
        this.acceptedEvents = acceptedEvents;
        this.outbox = outbox;
        this.sentCopies = sentCopies;
        this.templates = templates;
        this.config = config;
        this.composer = new MessageComposer(new ComposeLimits(config.send().maxRecipients(), config.send().maxBytes(),
                config.send().maxAttachments()));
        this.dataSource = dataSource;
        this.json = json;
        this.metrics = metrics;
    }

    /** The stored message for this request: new (created true), or the one an earlier request with the same key made. */
    public record Outcome(Accepted accepted, boolean created) {
    }

    /**
     * Composes the message and stores it, durably, before the caller hears of it. This is the service's hot
     * path, so it talks to PostgreSQL directly: one query for the sender, one insert. The request's own
     * constraints and the checks that need the sender's settings name every invalid field in one 400.
     */
    public Outcome accept(UserRef user, SendRequest request, String idempotencyKey) {
        Violations violations = Violations.of(validator, request);
        boolean bulk = Boolean.TRUE.equals(request.bulk());
        if (bulk) {
            requireOneRecipient(request);
        }
        String key = checkKey(idempotencyKey);
        String hash = key == null ? NO_KEY : hash(request);
        try (Connection connection = dataSource.getConnection()) {
            if (key != null && violations.isEmpty()) {
                Optional<Accepted> earlier = AcceptanceSql.earlier(connection, user, key, hash);
                if (earlier.isPresent()) {
                    return new Outcome(earlier.get(), false);
                }
            }
            // an invalid request is refused by the composer below, with every field named
            SendTime sendTime = violations.isEmpty() ? SendTime.of(request.sendAt(), Instant.now()) : SendTime.NOW;
            AcceptanceSql.Sender sender = AcceptanceSql.sender(connection, user, config.send().messageIdDomain(),
                    this::templateRecipientsPerMessage);
            ComposedMessage composed = composer.compose(request, sender.context(), violations,
                    bulk ? listUnsubscribe(user, request, sender.context()) : null);
            requireWithinLimit(composed, sender.recipientsPerMessage());
            // the list holds for the relay and the organisation's server; delivery looks again with the server it uses
            Map<String, SuppressionView> suppressed = sender.route().kind() == TransportKind.USER ? Map.of()
                    : Suppressions.among(connection, user.orgId(), composed.recipients());
            List<Recipient> states = suppressed.isEmpty() ? null : states(composed.recipients(), suppressed);
            Accepted accepted = new Accepted(UUID.randomUUID(), sendTime.status(), composed.messageId(),
                    sender.route().kind(), states == null ? List.of() : states.stream()
                            .filter(r -> r.status() == RecipientStatus.SUPPRESSED).map(Recipient::address).toList());
            if (!AcceptanceSql.insert(connection, user, key, hash, request.subject(), composed, sender.route(), accepted,
                    sendTime.later(), states == null ? null : json.writeValueAsString(states))) {
                // a concurrent request with the same key stored its message first
                return new Outcome(AcceptanceSql.earlier(connection, user, key, hash).orElseThrow(), false);
            }
            metrics.accepted(accepted.transport());
            acceptedEvents.fire(new MessageAccepted(accepted.id()));
            return new Outcome(accepted, true);
        } catch (SQLException | IOException e) {
            throw new PersistenceException("The message could not be stored", e);
        }
    }

    /** The envelope's recipients: those on the suppression list SUPPRESSED (with its reason), the others PENDING. */
    static List<Recipient> states(List<String> recipients, Map<String, SuppressionView> suppressed) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Recipient> states = new ArrayList<>();
        for (String address : recipients) {
            SuppressionView entry = suppressed.get(Suppressions.normalise(address));
            states.add(entry == null ? Recipient.pending(address) : Recipient.suppressed(address, entry, now));
        }
        return states;
    }

    /** A bulk message's one-click link names one address: exactly one in to, none in cc or bcc. */
    private static void requireOneRecipient(SendRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.to() == null || request.to().size() != 1) {
            errors.add(new FieldError("to", "bulk mail has exactly one address in to (its unsubscribe link names it)"));
        }
        if (request.cc() != null && !request.cc().isEmpty()) {
            errors.add(new FieldError("cc", "bulk mail has no cc: each recipient gets a message of their own"));
        }
        if (request.bcc() != null && !request.bcc().isEmpty()) {
            errors.add(new FieldError("bcc", "bulk mail has no bcc: each recipient gets a message of their own"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /**
     * The links of a bulk message: one-click https (the service's, signed for this organisation and address) and a
     * mailto to the sender, who can put the address on the list by hand. Null while the to address is invalid (the
     * composer names it).
     */
    private MessageComposer.ListUnsubscribe listUnsubscribe(UserRef user, SendRequest request, ComposeContext context) {
        Optional<String> to = MailAddress.parse(request.to().get(0)).map(MailAddress::address);
        Optional<String> from = request.from() != null ? MailAddress.parse(request.from()).map(MailAddress::address)
                : Optional.ofNullable(context.userEmail());
        if (to.isEmpty() || from.isEmpty()) {
            return null;
        }
        String base = publicConfig.baseUrl().endsWith("/") ? publicConfig.baseUrl().substring(0,
                publicConfig.baseUrl().length() - 1) : publicConfig.baseUrl();
        return new MessageComposer.ListUnsubscribe(base + "/api/v1/unsubscribe/" + unsubscribeTokens.of(user.orgId(),
                to.get()), "mailto:" + from.get() + "?subject=unsubscribe");
    }

    @Transactional
    public Optional<MessageView> find(UserRef user, UUID id) {
        return OutboxMessage.findFor(user, id).map(this::withAttempts);
    }

    /**
     * Cancels a message that is not on its way yet. The message's row is locked first, so a dispatcher
     * claiming it at the same moment either claimed it before (and the cancel is refused) or skips it
     * and finds it cancelled: a message is never both cancelled and sent.
     */
    @Transactional
    public Optional<MessageView> cancel(UserRef user, UUID id) {
        Optional<MessageStatus> status = OutboxMessage.lockStatus(user, id);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        if (!CANCELLABLE.contains(status.get())) {
            throw notCancellable(status.get());
        }
        outbox.cancel(id);
        return OutboxMessage.findFor(user, id).map(this::withAttempts);
    }

    @Transactional
    public List<MessageView> list(UserRef user, MessageStatus status, int page, int size) {
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.invalid("page", "must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return OutboxMessage.page(user, status, page, size).stream().map(m -> MessageView.of(m, null)).toList();
    }

    private MessageView withAttempts(OutboxMessage m) {
        MessageView.SentCopy copy = sentCopies.find(m.id)
                .map(c -> new MessageView.SentCopy(c.status(), c.folder(), c.reply(), c.at())).orElse(null);
        return MessageView.of(m, DeliveryAttempt.of(m.id).stream().map(MessageView.Attempt::of).toList(), copy);
    }

    private static ProblemException notCancellable(MessageStatus status) {
        String why = switch (status) {
            case SENDING -> "The message is being delivered right now and can no longer be cancelled";
            case SENT -> "The message was already sent";
            case FAILED -> "The message already failed for good; there is nothing left to cancel";
            default -> "The message was already cancelled";
        };
        return new ProblemException(409, "urn:xs-mail:problem:not-cancellable", "Conflict", why, List.of());
    }

    private Integer templateRecipientsPerMessage(String templateId) {
        return templates.find(templateId).map(t -> t.limits().recipientsPerMessage()).orElse(null);
    }

    /** More recipients than the server allows in one message: it would refuse them, so the message is not taken. */
    private static void requireWithinLimit(ComposedMessage composed, Integer recipientsPerMessage) {
        if (recipientsPerMessage != null && composed.recipients().size() > recipientsPerMessage) {
            throw new ProblemException(422, "urn:xs-mail:problem:too-many-recipients", "Unprocessable Content",
                    "The server this mail leaves through takes at most " + recipientsPerMessage + " recipients (to, cc,"
                            + " bcc and the default BCC) in one message; this one has " + composed.recipients().size(),
                    List.of(new FieldError("to", "at most " + recipientsPerMessage
                            + " recipients per message through this server")));
        }
    }

    private static String checkKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || MailAddress.hasControl(key)) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH
                    + " characters without control characters");
        }
        return key;
    }

    /** SHA-256 of the request as JSON, written straight into the digest: attachments are not copied for it. */
    private String hash(SendRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            json.writeValue(new DigestOutputStream(OutputStream.nullOutputStream(), digest), request);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
