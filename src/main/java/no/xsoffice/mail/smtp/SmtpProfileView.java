package no.xsoffice.mail.smtp;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's SMTP profile as clients see it: the password is never part of it, only whether one is set. */
@Schema(name = "SmtpProfile")
public record SmtpProfileView(
        boolean useSharedServer,
        String templateId,
        String host,
        Integer port,
        SmtpSecurity security,
        boolean authentication,
        String username,
        @Schema(description = "Whether a password is stored; the password itself is never returned")
        boolean passwordSet,
        @Schema(description = "False after the server refused the credentials (535); the user's mail is held until the profile is saved again")
        boolean credentialsValid,
        Instant credentialsFailedAt,
        @Schema(description = "The server's refusal, when credentialsValid is false")
        String credentialsFailureReply,
        @Schema(description = "Settings that work but are probably not what the server expects")
        List<String> warnings,
        @Schema(description = "Absent when the user never saved a profile")
        Instant updatedAt) {

    /** A user who never saved a profile uses the shared server. */
    static final SmtpProfileView NONE = new SmtpProfileView(true, null, null, null, null, false, null, false, true,
            null, null, List.of(), null);

    static SmtpProfileView of(SmtpProfile p) {
        SmtpSettings s = p.server;
        return new SmtpProfileView(p.useSharedServer, p.templateId, s.host, s.port, s.security, s.authentication,
                s.username, s.passwordSet(), s.credentialsValid, s.credentialsFailedAt, s.credentialsFailureReply,
                s.warnings(), p.updatedAt);
    }
}
