package no.xsoffice.mail.smtpclient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * A network failure as a sentence for people, for API fields and events: never a Java class name or a stack trace.
 * The cause itself belongs in the log.
 */
public final class FailureText {

    private static final String CLASS_NAME = "\\b([a-z][a-z0-9_]*\\.)*[A-Z]\\w*(Exception|Error)\\b:?\\s*";

    private FailureText() {
    }

    public static String of(Throwable failure) {
        Throwable cause = innermostKnown(failure);
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            return "The server did not answer in time";
        }
        if (cause instanceof ConnectException) {
            return "The server refused the connection";
        }
        if (cause instanceof NoRouteToHostException) {
            return "The server cannot be reached from here";
        }
        if (cause instanceof UnknownHostException) {
            return "The server's name does not resolve";
        }
        if (cause instanceof SSLException) {
            return "The TLS handshake failed: the server's certificate is not trusted or not issued for its name,"
                    + " or the server broke off";
        }
        String text = sentence(failure.getMessage());
        return text.isEmpty() ? "The connection to the server failed" : text;
    }

    /** {@code text} without any Java class name in it, on one line. */
    static String sentence(String text) {
        String line = text == null ? "" : text.replaceAll(CLASS_NAME, "").replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }

    /** The deepest cause of a kind this class knows, else {@code failure} itself. */
    private static Throwable innermostKnown(Throwable failure) {
        Throwable known = null;
        for (Throwable t = failure; t != null && t != t.getCause(); t = nextOf(t)) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                if (!(t.getClass() == IOException.class)) {
                    known = t;
                }
            }
        }
        return known == null ? failure : known;
    }

    /** The cause, or the next exception a mail library chains without making it the cause. */
    private static Throwable nextOf(Throwable t) {
        if (t.getCause() != null) {
            return t.getCause();
        }
        return t instanceof jakarta.mail.MessagingException m ? m.getNextException() : null;
    }
}
