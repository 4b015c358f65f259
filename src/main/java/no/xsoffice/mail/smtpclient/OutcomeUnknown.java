package no.xsoffice.mail.smtpclient;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole message went to the server, and its reply to the end of the data never came: the server may have
 * taken it (RFC 1047), so a retry may deliver a second copy, which beats a loss.
 */
public final class OutcomeUnknown extends IOException {

    private final transient Map<String, SmtpReply> recipients;

    public OutcomeUnknown(Map<String, SmtpReply> recipients, String why, Throwable cause) {
        super("Outcome unknown: " + why + "; a copy may already have arrived", cause);
        this.recipients = Collections.unmodifiableMap(new LinkedHashMap<>(recipients));
    }

    /** The server's replies to the envelope recipients before the message. */
    public Map<String, SmtpReply> recipients() {
        return recipients;
    }
}
