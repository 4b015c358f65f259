package no.xsoffice.mail.oauth;

/** A provider refused or failed a token request; {@code error} is the OAuth error code (RFC 6749 §5.2). Never carries a token. */
public class OAuthException extends RuntimeException {

    private final String error;

    public OAuthException(String error, String description) {
        super(error + (description == null || description.isBlank() ? "" : ": " + description));
        this.error = error;
    }

    public String error() {
        return error;
    }

    /** The grant is dead (refresh token revoked or expired, consent withdrawn): only a new consent helps. */
    public boolean grantRefused() {
        return "invalid_grant".equals(error) || "invalid_client".equals(error) || "unauthorized_client".equals(error);
    }
}
