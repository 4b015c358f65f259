package no.xsoffice.mail.oauth;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where to send the user's browser to give consent, and until when that link works. */
@Schema(name = "OAuthAuthorization")
public record AuthorizationView(
        @Schema(description = "The provider's authorization URL (code flow with PKCE and a one-time state)")
        String authorizationUrl,
        Instant expiresAt) {
}
