package no.xsoffice.mail.smtp;

import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import no.xsoffice.mail.security.SecretCipher;
import no.xsoffice.mail.smtpclient.AuthMethod;

/**
 * Applies a checked write of SMTP settings ({@link SmtpSettingsRules#check}) to the stored ones: the password
 * sealed for its row, a consent forgotten when the sign-in it was for changes, refused credentials released.
 */
@ApplicationScoped
public class SmtpSettingsEditor {

    private final SecretCipher cipher;

    public SmtpSettingsEditor(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** Writes {@code checked} into {@code settings}; {@code binding} is what the password's ciphertext is bound to. */
    public void apply(SmtpSettings settings, ServerFields checked, String binding) {
        AuthMethod method = checked.authMethod();
        settings.host = checked.host();
        settings.port = checked.port();
        settings.security = checked.security();
        settings.authentication = checked.authentication();
        settings.username = checked.username();
        if (method != AuthMethod.XOAUTH2 || checked.oauthProvider() != settings.oauthProvider
                || !Objects.equals(checked.oauthTenant(), settings.oauthTenant)) {
            settings.forgetOAuth();
        }
        settings.authMethod = method;
        settings.oauthProvider = checked.oauthProvider();
        settings.oauthTenant = checked.oauthTenant();
        String password = checked.password();
        if (method == AuthMethod.XOAUTH2) {
            settings.passwordCiphertext = null;
        } else if (password != null) {
            settings.passwordCiphertext = password.isEmpty() ? null : cipher.encrypt(password, binding);
        } else if (settings.passwordSet() && cipher.isStale(settings.passwordCiphertext)) {
            settings.passwordCiphertext = cipher.encrypt(cipher.decrypt(settings.passwordCiphertext, binding), binding);
        }
        settings.acceptCredentials();
    }

    /** The stored password in plain text, for a delivery or a connection test. */
    public Optional<String> password(SmtpSettings settings, String binding) {
        return Optional.ofNullable(settings.passwordCiphertext).map(c -> cipher.decrypt(c, binding));
    }
}
