package no.xsoffice.mail.send;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.send.ComposeContext.SignatureText;
import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtp.OAuthProvider;
import no.xsoffice.mail.transport.TransportKind;
import no.xsoffice.mail.transport.TransportResolver;
import no.xsoffice.mail.transport.TransportResolver.ServerState;

/**
 * The SQL of accepting a message, the service's hot path: one query for everything composing and
 * choosing the server need, one insert. Each runs on its own (auto-commit): the insert is the only
 * write, and a repeated Idempotency-Key meets the table's unique key.
 */
final class AcceptanceSql {

    /**
     * What composing needs of the sender, the server their mail would leave through now, and the most recipients
     * one message to it may have (null: no limit).
     */
    record Sender(ComposeContext context, TransportResolver.Route route, Integer recipientsPerMessage) {
    }

    private AcceptanceSql() {
    }

    /**
     * The sender in one round trip: the address and name they last presented (the user directory's record),
     * their profile's username and server, the organisation's sender addresses and server, the signatures and
     * the default BCC. No secret is read.
     */
    static Sender sender(Connection connection, UserRef user, String messageIdDomain,
            Function<String, Integer> templateRecipientsPerMessage) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select ku.email, ku.name, p.username, array_to_string(sa.addresses, E'\\n'),
                       s.id is not null, s.new_text, s.new_html, s.reply_text, s.reply_html, mp.default_bcc,
                       p.use_shared_server, p.host, p.credentials_valid, p.auth_method,
                       p.oauth_refresh_ciphertext is not null,
                       o.host, o.credentials_valid, o.auth_method, o.oauth_provider,
                       p.limit_recipients_per_message, p.template_id, o.limit_recipients_per_message
                  from (select cast(? as text) as org_id, cast(? as text) as user_id) u
                  left join known_user ku on ku.org_id = u.org_id and ku.user_id = u.user_id
                  left join smtp_profile p on p.org_id = u.org_id and p.user_id = u.user_id
                  left join sender_addresses sa on sa.org_id = u.org_id
                  left join signature s on s.org_id = u.org_id and s.user_id = u.user_id
                  left join mail_preferences mp on mp.org_id = u.org_id and mp.user_id = u.user_id
                  left join organization_smtp_server o on o.org_id = u.org_id""")) {
            query.setString(1, user.orgId());
            query.setString(2, user.userId());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                String email = row.getString(1);
                Set<String> allowed = new LinkedHashSet<>();
                if (email != null) {
                    allowed.add(email.toLowerCase(Locale.ROOT));
                }
                MailAddress.plain(row.getString(3)).ifPresent(a -> allowed.add(a.toLowerCase(Locale.ROOT)));
                String senderAddresses = row.getString(4);
                if (senderAddresses != null && !senderAddresses.isEmpty()) {
                    allowed.addAll(List.of(senderAddresses.split("\n")));
                }
                boolean signed = row.getBoolean(5);
                ComposeContext context = new ComposeContext(email, row.getString(2), allowed,
                        signed ? new SignatureText(row.getString(6), row.getString(7)) : null,
                        signed ? new SignatureText(row.getString(8), row.getString(9)) : null,
                        row.getString(10), messageIdDomain, Instant.now());
                boolean ownServer = row.getObject(11) != null && !row.getBoolean(11);
                ServerState own = ownServer ? new ServerState(row.getString(12), row.getBoolean(13),
                        authMethod(row.getString(14)), null, row.getBoolean(15)) : null;
                ServerState organization = new ServerState(row.getString(16), row.getBoolean(17),
                        authMethod(row.getString(18)), OAuthProvider.of(row.getString(19)).orElse(null), false);
                TransportResolver.Route route = TransportResolver.route(own, organization);
                Integer perMessage = switch (route.kind()) {
                    case USER -> row.getObject(20) != null ? Integer.valueOf(row.getInt(20))
                            : row.getString(21) == null ? null : templateRecipientsPerMessage.apply(row.getString(21));
                    case ORGANIZATION -> row.getObject(22) != null ? Integer.valueOf(row.getInt(22)) : null;
                    case SYSTEM -> null;
                };
                return new Sender(context, route, perMessage);
            }
        }
    }

    private static AuthMethod authMethod(String column) {
        return column == null ? AuthMethod.PASSWORD : AuthMethod.valueOf(column);
    }

    /** The message an earlier request with this key stored; a 422 when that request was another one. */
    static Optional<Accepted> earlier(Connection connection, UserRef user, String key, String hash) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select id, status, message_id, transport, request_hash,
                       array(select r ->> 'address' from jsonb_array_elements(coalesce(recipient_states, '[]')) r
                              where r ->> 'status' = 'SUPPRESSED')
                  from outbox_message
                 where org_id = ? and user_id = ? and idempotency_key = ?""")) {
            query.setString(1, user.orgId());
            query.setString(2, user.userId());
            query.setString(3, key);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                if (!row.getString(5).equals(hash)) {
                    throw ProblemException.unprocessable("idempotency-key-reused",
                            "This Idempotency-Key was used for another request; use a new key for a new message");
                }
                String transport = row.getString(4);
                return Optional.of(new Accepted(row.getObject(1, UUID.class), MessageStatus.valueOf(row.getString(2)),
                        row.getString(3), transport == null ? null : TransportKind.valueOf(transport),
                        List.of((String[]) row.getArray(6).getArray())));
            }
        }
    }

    /**
     * Stores a new message with its body in one statement, due now or at the time it is scheduled for
     * ({@code sendAt}, null for now); false when a concurrent request with the same key stored one first.
     */
    static boolean insert(Connection connection, UserRef user, String key, String hash, String subject,
            ComposedMessage composed, TransportResolver.Route route, Accepted accepted, Instant sendAt,
            String recipientStates) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                with message as (
                    insert into outbox_message (id, org_id, user_id, idempotency_key, request_hash, message_id,
                           from_address, recipients, subject, size_bytes, status, held, attempts, next_attempt_at,
                           transport, created_at, updated_at, send_at, recipient_states)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, cast(? as jsonb))
                    on conflict (org_id, user_id, idempotency_key) do nothing
                    returning id)
                insert into outbox_body (message_id, mime) select id, ? from message""")) {
            Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
            insert.setObject(1, accepted.id());
            insert.setString(2, user.orgId());
            insert.setString(3, user.userId());
            insert.setString(4, key);
            insert.setString(5, hash);
            insert.setString(6, composed.messageId());
            insert.setString(7, composed.from());
            insert.setArray(8, connection.createArrayOf("text", composed.recipients().toArray()));
            insert.setString(9, subject);
            insert.setLong(10, composed.sizeBytes());
            insert.setString(11, accepted.status().name());
            insert.setBoolean(12, !route.credentialsValid());
            insert.setTimestamp(13, sendAt == null ? now : Timestamp.from(sendAt));
            insert.setString(14, route.kind().name());
            insert.setTimestamp(15, now);
            insert.setTimestamp(16, now);
            insert.setTimestamp(17, sendAt == null ? null : Timestamp.from(sendAt));
            insert.setString(18, recipientStates);
            insert.setBytes(19, composed.mime());
            return insert.executeUpdate() == 1;
        }
    }
}
