package no.xsoffice.mail.send;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.send.ComposeContext.SignatureText;
import no.xsoffice.mail.smtp.CredentialsSaved;
import no.xsoffice.mail.transport.Transport;
import no.xsoffice.mail.transport.TransportResolver;

/**
 * Accepts mail: composes it with the user's signature and default BCC and stores it in the outbox,
 * with its idempotency key, in one transaction. Delivery is the dispatcher's.
 */
@ApplicationScoped
public class MessageService {

    static final int MAX_KEY_LENGTH = 255;
    /** The request hash of a message sent without an Idempotency-Key: nothing will ever compare with it. */
    private static final String NO_KEY = "-";
    static final int MAX_PAGE_SIZE = 100;

    private final MessageComposer composer;
    private final SendConfig config;
    private final TransportResolver resolver;
    private final EntityManager em;
    private final ObjectMapper json;
    private final DeliveryMetrics metrics;

    public MessageService(SendConfig config, TransportResolver resolver, EntityManager em, ObjectMapper json,
            DeliveryMetrics metrics) {
        this.config = config;
        this.composer = new MessageComposer(new ComposeLimits(config.send().maxRecipients(), config.send().maxBytes(),
                config.send().maxAttachments()));
        this.resolver = resolver;
        this.em = em;
        this.json = json;
        this.metrics = metrics;
    }

    /** The stored message for this request: new (created true), or the one an earlier request with the same key made. */
    public record Outcome(Accepted accepted, boolean created) {
    }

    @Transactional
    public Outcome accept(UserRef user, SendRequest request, String idempotencyKey) {
        String key = checkKey(idempotencyKey);
        String hash = key == null ? NO_KEY : hash(request);
        if (key != null) {
            Optional<OutboxMessage> earlier = OutboxMessage.findByKey(user, key);
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash.equals(hash)) {
                    throw ProblemException.unprocessable("idempotency-key-reused",
                            "This Idempotency-Key was used for another request; use a new key for a new message");
                }
                return new Outcome(Accepted.of(earlier.get()), false);
            }
        }
        ComposedMessage composed = composer.compose(request, context(user));
        Transport transport = resolver.choose(user);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        OutboxMessage message = new OutboxMessage();
        message.id = UUID.randomUUID();
        message.orgId = user.orgId();
        message.userId = user.userId();
        message.idempotencyKey = key;
        message.requestHash = hash;
        message.messageId = composed.messageId();
        message.fromAddress = composed.from();
        message.recipients = composed.recipients();
        message.subject = request.subject();
        message.mail = composed.message().toJson().encode();
        message.sizeBytes = composed.sizeBytes();
        message.status = MessageStatus.QUEUED;
        message.held = !transport.credentialsValid();
        message.nextAttemptAt = now;
        message.transport = transport.kind();
        message.createdAt = now;
        message.updatedAt = now;
        message.persist();
        metrics.accepted(transport.kind());
        return new Outcome(Accepted.of(message), true);
    }

    @Transactional
    public Optional<MessageView> find(UserRef user, UUID id) {
        return OutboxMessage.findFor(user, id).map(m -> MessageView.of(m,
                DeliveryAttempt.of(m.id).stream().map(MessageView.Attempt::of).toList()));
    }

    @Transactional
    public List<MessageView> list(UserRef user, MessageStatus status, int page, int size) {
        if (page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return OutboxMessage.page(user, status, page, size).stream().map(m -> MessageView.of(m, null)).toList();
    }

    /** Saving credentials releases mail held after the server refused the old ones. */
    void release(@Observes CredentialsSaved saved) {
        OutboxMessage.release(saved.orgId(), saved.userId());
    }

    /**
     * The sender's side of composing, in one round trip: the address and name the user last presented
     * (the user directory's record), the profile's username, the organisation's sender addresses, the
     * signatures and the default BCC.
     */
    private ComposeContext context(UserRef user) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select ku.email, ku.name, p.username, array_to_string(sa.addresses, E'\\n'),
                       s.new_text, s.new_html, s.reply_text, s.reply_html, mp.default_bcc, s.id is not null
                  from (select cast(?1 as text) as org_id, cast(?2 as text) as user_id) u
                  left join known_user ku on ku.org_id = u.org_id and ku.user_id = u.user_id
                  left join smtp_profile p on p.org_id = u.org_id and p.user_id = u.user_id
                  left join sender_addresses sa on sa.org_id = u.org_id
                  left join signature s on s.org_id = u.org_id and s.user_id = u.user_id
                  left join mail_preferences mp on mp.org_id = u.org_id and mp.user_id = u.user_id""")
                .setParameter(1, user.orgId())
                .setParameter(2, user.userId())
                .getSingleResult();
        String email = (String) row[0];
        Set<String> allowed = new LinkedHashSet<>();
        if (email != null) {
            allowed.add(email.toLowerCase(Locale.ROOT));
        }
        MailAddress.plain((String) row[2]).ifPresent(a -> allowed.add(a.toLowerCase(Locale.ROOT)));
        if (row[3] != null && !((String) row[3]).isEmpty()) {
            allowed.addAll(List.of(((String) row[3]).split("\n")));
        }
        boolean signed = (Boolean) row[9];
        return new ComposeContext(email, (String) row[1], allowed,
                signed ? new SignatureText((String) row[4], (String) row[5]) : null,
                signed ? new SignatureText((String) row[6], (String) row[7]) : null,
                (String) row[8], config.send().messageIdDomain(), Instant.now());
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

    private String hash(SendRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
