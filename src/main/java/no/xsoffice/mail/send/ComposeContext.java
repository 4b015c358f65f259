package no.xsoffice.mail.send;

import java.time.Instant;
import java.util.Set;

/**
 * What composing a message needs besides the request: who the sender is, which addresses they may send as
 * (lower-case), their signatures and default BCC (each may be null), the Message-ID domain and the time.
 */
public record ComposeContext(
        String userEmail,
        String userName,
        Set<String> allowedFrom,
        SignatureText newMessage,
        SignatureText replyForward,
        String defaultBcc,
        String messageIdDomain,
        Instant now) {

    /** One stored signature; either form may be null. */
    public record SignatureText(String text, String html) {
    }
}
