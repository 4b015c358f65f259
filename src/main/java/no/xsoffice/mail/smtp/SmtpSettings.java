package no.xsoffice.mail.smtp;

import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** An SMTP server and the credentials for it, with what the server last said of them. */
@Embeddable
public class SmtpSettings {

    public String host;
    public Integer port;
    @Enumerated(EnumType.STRING)
    public SmtpSecurity security;
    public boolean authentication;
    public String username;
    /** The password, encrypted by {@code SecretCipher}; never leaves the service. */
    public String passwordCiphertext;
    /** False after the server refused these credentials (535); mail is held until they are saved again. */
    public boolean credentialsValid = true;
    public Instant credentialsFailedAt;
    public String credentialsFailureReply;
    @Enumerated(EnumType.STRING)
    public AuthMethod authMethod = AuthMethod.PASSWORD;
    @Enumerated(EnumType.STRING)
    public OAuthProvider oauthProvider;
    /** Microsoft tenant for an organisation's app-only sign-in (client credentials). */
    public String oauthTenant;
    /** The account the user consented with, as the provider named it. */
    public String oauthAccount;
    public String oauthScopes;
    /** The refresh token, encrypted by {@code SecretCipher} like a password; never leaves the service. */
    public String oauthRefreshCiphertext;
    public Instant oauthConnectedAt;
    /** Limits the owner set for this server; null ones come from the provider template, else the defaults. */
    public Integer limitConnections;
    public Integer limitMessagesPerMinute;
    public Integer limitRecipientsPerMessage;
    public Integer limitRecipientsPerDay;

    /** The limits set for this server itself. */
    public SendingLimits limits() {
        return new SendingLimits(limitConnections, limitMessagesPerMinute, limitRecipientsPerMessage, limitRecipientsPerDay);
    }

    public void limits(SendingLimits limits) {
        SendingLimits given = limits == null ? SendingLimits.NONE : limits;
        limitConnections = given.connections();
        limitMessagesPerMinute = given.messagesPerMinute();
        limitRecipientsPerMessage = given.recipientsPerMessage();
        limitRecipientsPerDay = given.recipientsPerDay();
    }

    public boolean oauth() {
        return authMethod == AuthMethod.XOAUTH2;
    }

    /** The OAuth sign-in's state for clients: null with a password, else NOT_CONNECTED, CONNECTED, APP_ONLY or REFUSED. */
    public String oauthState(boolean appOnly) {
        if (!oauth()) {
            return null;
        }
        if (!credentialsValid) {
            return "REFUSED";
        }
        return appOnly ? "APP_ONLY" : oauthRefreshCiphertext == null ? "NOT_CONNECTED" : "CONNECTED";
    }

    /** The server (or the OAuth provider) refused these credentials: mail is held until they are saved again. */
    public void refuseCredentials(Instant at, String reply) {
        credentialsValid = false;
        credentialsFailedAt = at;
        credentialsFailureReply = reply;
    }

    /** Newly saved credentials: whatever was refused before is tried again. */
    public void acceptCredentials() {
        credentialsValid = true;
        credentialsFailedAt = null;
        credentialsFailureReply = null;
    }

    /** Forgets what a consent stored. */
    public void forgetOAuth() {
        oauthAccount = null;
        oauthScopes = null;
        oauthRefreshCiphertext = null;
        oauthConnectedAt = null;
    }

    public boolean passwordSet() {
        return passwordCiphertext != null;
    }

    /** Settings that work but are probably not what the server expects. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (host == null || port == null) {
            return warnings;
        }
        if (security == SmtpSecurity.SSL_TLS && port == 587) {
            warnings.add("Port 587 normally expects STARTTLS; SSL_TLS (implicit TLS) normally uses port 465");
        }
        if (security == SmtpSecurity.STARTTLS && port == 465) {
            warnings.add("Port 465 normally expects SSL_TLS (implicit TLS); STARTTLS normally uses port 587");
        }
        if (security == SmtpSecurity.NONE && authentication) {
            warnings.add("With security NONE the password crosses the network unencrypted (allowed only to a private"
                    + " address when the operator allows private hosts); choose STARTTLS or SSL_TLS");
        }
        return warnings;
    }
}
