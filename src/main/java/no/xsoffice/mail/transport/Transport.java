package no.xsoffice.mail.transport;

import no.xsoffice.mail.security.UserRef;

/**
 * The way a user's next message leaves: whose server, why, and the server itself. {@code endpoint}
 * is null when XS Office's relay is not configured: in dev the message is written to the log, in
 * prod it fails with {@code NO_TRANSPORT}.
 */
public record Transport(TransportKind kind, String reason, SmtpEndpoint endpoint, boolean credentialsValid,
        UserRef owner) {

    /** Where a refusal of the credentials (535) is recorded: the user's profile or the organisation's server. */
    public boolean ownedByUser() {
        return kind == TransportKind.USER;
    }
}
