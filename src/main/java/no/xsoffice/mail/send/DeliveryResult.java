package no.xsoffice.mail.send;

import java.util.List;

/** How one delivery attempt ended, with the server's reply when there was one. */
record DeliveryResult(Kind kind, Integer replyCode, String reply, List<String> rejectedRecipients) {

    enum Kind {
        /** The server took the message (perhaps not for every recipient). */
        SENT,
        /** 4xx, connection, TLS or timeout: try again later. */
        TRANSIENT,
        /** 5xx or a refused server: give up. */
        PERMANENT,
        /** The server refused the credentials (535): hold the owner's mail until they are saved again. */
        CREDENTIALS_REFUSED,
        /** The credentials were already known to be refused: held without trying. */
        HELD
    }

    private static final int MAX_REPLY = 500;

    /** Not tried: the server refused these credentials before, and the mail waits until they are saved again. */
    static final DeliveryResult HELD = new DeliveryResult(Kind.HELD, null,
            "Held: the server refused these credentials; saving the settings again releases the mail", List.of());

    static DeliveryResult sent(String reply, List<String> rejected) {
        return new DeliveryResult(Kind.SENT, 250, reply, rejected);
    }

    static DeliveryResult of(Kind kind, Integer code, String reply) {
        return new DeliveryResult(kind, code, sanitize(reply), List.of());
    }

    /** A reply as it may be shown and stored: one line, printable, bounded. */
    static String sanitize(String text) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return line.length() > MAX_REPLY ? line.substring(0, MAX_REPLY) + "…" : line;
    }
}
