package no.xsoffice.mail.smtpclient;

import java.io.IOException;
import java.util.List;

/**
 * The session stopped on its own, before a word more was sent, because going on would have been unsafe or
 * impossible: the server does not offer what these settings require, or it sent data it was not asked for.
 */
public final class SmtpStopped extends IOException {

    /** Why the session stopped. */
    public enum Reason {
        /** STARTTLS is required and the server does not offer it: nothing goes out unencrypted. */
        NO_STARTTLS,
        /** The server sent data after agreeing to STARTTLS, before the handshake (an injection). */
        DATA_BEFORE_TLS,
        /** The server does not offer the sign-in method the session would use. */
        NO_AUTH_MECHANISM
    }

    private final Reason reason;
    private final transient List<String> offered;

    SmtpStopped(Reason reason, List<String> offered, String message) {
        super(message);
        this.reason = reason;
        this.offered = List.copyOf(offered);
    }

    public Reason reason() {
        return reason;
    }

    /** {@link Reason#NO_AUTH_MECHANISM}: the sign-in methods the server offers, in upper case; otherwise empty. */
    public List<String> offered() {
        return offered;
    }
}
