package no.xsoffice.mail.diagnostics;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One step of a connection test: how it went, how long it took, and what the server said. */
@Schema(name = "ConnectionTestStage")
public record Stage(
        @Schema(enumeration = { DNS, CONNECT, TLS, EHLO, AUTH, MAIL_FROM, RCPT_TO, DATA, IMAP }, examples = "AUTH")
        String stage,
        boolean ok,
        @Schema(description = "Milliseconds the stage took", examples = "42")
        long ms,
        @Schema(description = "What happened, in words", examples = "Signed in with AUTH PLAIN", nullable = true)
        String detail,
        @Schema(description = "The server's reply, on one line; null when it gave none", examples = "535 5.7.8 Username and Password not accepted", nullable = true)
        String reply,
        @Schema(description = "EHLO: the extensions the server offers; null in other stages", examples = "[\"STARTTLS\", \"AUTH PLAIN LOGIN\"]", nullable = true)
        List<String> capabilities,
        @Schema(description = "TLS: the server's certificate; null in other stages", nullable = true)
        Certificate certificate,
        @Schema(description = "AUTH with OAuth (XOAUTH2): the sign-in's state — CONNECTED, APP_ONLY, NOT_CONNECTED"
                + " (consent missing), REFUSED (consent expired or withdrawn) or UNAVAILABLE (the provider gave no"
                + " token just now); null in other stages and with a password", examples = "CONNECTED", nullable = true,
                enumeration = { "CONNECTED", "APP_ONLY", "NOT_CONNECTED", "REFUSED", "UNAVAILABLE" })
        String oauthState,
        @JsonIgnore
        Failure failure) {

    public static final String DNS = "DNS";
    public static final String CONNECT = "CONNECT";
    public static final String TLS = "TLS";
    public static final String EHLO = "EHLO";
    public static final String AUTH = "AUTH";
    public static final String MAIL_FROM = "MAIL FROM";
    public static final String RCPT_TO = "RCPT TO";
    public static final String DATA = "DATA";
    /** After the SMTP stages, when the profile wants a copy in the Sent folder: sign-in to IMAP and the folder. */
    public static final String IMAP = "IMAP";

    /** What went wrong, for the hint; not part of the answer. */
    public enum Failure {
        DNS_UNRESOLVED, ADDRESS_REFUSED, CONNECTION_REFUSED, CONNECT_TIMEOUT, CONNECT_FAILED, NO_GREETING, NOT_TLS,
        NO_STARTTLS, CERTIFICATE_UNTRUSTED, CERTIFICATE_EXPIRED, CERTIFICATE_HOST, TLS_FAILED, AUTH_NOT_OFFERED,
        AUTH_MECHANISM, OAUTH_NOT_CONNECTED, OAUTH_REFUSED, OAUTH_UNAVAILABLE, REPLY, TIMEOUT, CONNECTION_LOST,
        IMAP_SIGN_IN_REFUSED, IMAP_UNREACHABLE, IMAP_FAILED
    }

    /** The certificate the server presented during the TLS handshake. */
        @Schema(name = "ConnectionTestCertificate")
    public record Certificate(
            @Schema(examples = "CN=smtp.gmail.com", nullable = true) String subject,
            @Schema(examples = "CN=WR2,O=Google Trust Services,C=US", nullable = true) String issuer,
            @Schema(nullable = true) Instant notAfter,
            @Schema(description = "Whether the certificate names the host connected to; absent when the chain was"
                    + " refused before the name was checked", nullable = true)
            Boolean hostnameMatches,
            @Schema(description = "Whether the chain leads to a trusted certificate") boolean trusted) {
    }

    static Stage passed(String stage, long ms, String detail) {
        return new Stage(stage, true, ms, detail, null, null, null, null, null);
    }

    static Stage failed(String stage, long ms, Failure failure, String detail) {
        return new Stage(stage, false, ms, detail, null, null, null, null, failure);
    }

    /** The server's reply, as it is shown: one printable line, bounded. */
    Stage withReply(String reply) {
        return new Stage(stage, ok, ms, detail, StageLog.oneLine(reply), capabilities, certificate, oauthState, failure);
    }

    Stage withCapabilities(List<String> capabilities) {
        return new Stage(stage, ok, ms, detail, reply, capabilities, certificate, oauthState, failure);
    }

    Stage withCertificate(Certificate certificate) {
        return new Stage(stage, ok, ms, detail, reply, capabilities, certificate, oauthState, failure);
    }

    Stage withOAuthState(String oauthState) {
        return new Stage(stage, ok, ms, detail, reply, capabilities, certificate, oauthState, failure);
    }
}
