package no.xsoffice.mail.transport;

import no.xsoffice.mail.smtpclient.SmtpEndpoint;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.smtp.SendingLimits;

/**
 * The way a user's next message leaves: whose server, why, the server itself and the limits it is sent within. {@code endpoint}
 * is null when XS Office's relay is not configured: in dev the message is written to the log, in
 * prod it fails with {@code NO_TRANSPORT}.
 */
public record Transport(TransportKind kind, String reason, SmtpEndpoint endpoint, boolean credentialsValid,
        UserRef owner, SendingLimits limits) {

    /**
     * The account whose limits and usage this mail counts against: the user's own server, the organisation's, or
     * XS Office's relay.
     */
    public String account() {
        return switch (kind) {
            case USER -> "USER/" + owner.orgId() + "/" + owner.userId();
            case ORGANIZATION -> "ORGANIZATION/" + owner.orgId();
            case SYSTEM -> "SYSTEM";
        };
    }

    /** Whose credentials these are: the user, or (no user) the organisation. */
    public UserRef credentialsOwner() {
        return kind == TransportKind.USER ? owner : new UserRef(owner.orgId(), null);
    }
}
