package no.xsoffice.mail.smtpclient;

import java.time.Duration;

import javax.net.ssl.SSLSession;

/**
 * What an {@link SmtpSession} tells of its steps as it takes them, for whoever shows them (the connection test):
 * each step as it begins, then its outcome with how long it took and the server's reply. Called on the session's
 * own thread, in order; a step that fails ends with the session's exception instead of an outcome. Deliveries use
 * {@link #NONE}.
 */
public interface SmtpTranscript {

    /** Tells nothing. */
    SmtpTranscript NONE = new SmtpTranscript() {
    };

    /** The steps of a session, in the order they come. */
    enum Step {
        /** The TCP connection. */
        CONNECT,
        /** The TLS handshake: at once with implicit TLS, after STARTTLS's 220 otherwise. */
        TLS,
        /** The server's 220 greeting, after the connection (and, with implicit TLS, after the handshake). */
        GREETING,
        /** EHLO (and HELO, for a server from before ESMTP), before STARTTLS and again after it. */
        EHLO,
        STARTTLS,
        /** The sign-in; every reply of its exchange, a 334 challenge included. */
        AUTH,
        MAIL_FROM,
        RCPT_TO,
        /** DATA and its 354. */
        DATA,
        /** The message itself and the reply to its end. */
        MESSAGE
    }

    /** A step begins: its command is about to be sent, or its wait to start. */
    default void begin(Step step) {
    }

    /** The TCP connection is up. */
    default void connected(Duration took) {
    }

    /** The TLS handshake completed and the server's certificate was verified for the host. */
    default void secured(SSLSession tls, Duration took) {
    }

    /** The sign-in method the session chose from those the server offers: PLAIN, LOGIN or XOAUTH2. */
    default void signingIn(String mechanism) {
    }

    /** The server's reply in a step, however it answered; {@code took}: since the command went out. */
    default void replied(Step step, SmtpReply reply, Duration took) {
    }
}
