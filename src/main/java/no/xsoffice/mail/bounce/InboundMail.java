package no.xsoffice.mail.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.mail.internet.InternetHeaders;

import no.xsoffice.mail.problem.ProblemException;

/** What returned mail and feedback reports are read by alike: the size they may have, their headers and addresses. */
final class InboundMail {

    /** A notification or report carries the returned message or its headers: a few KB, a few hundred at most. */
    static final int MAX_BYTES = 5 * 1024 * 1024;

    /** The headers that name where a mail was delivered to, the VERP address among them. */
    static final List<String> ADDRESSED_TO = List.of("X-Original-To", "Delivered-To", "Envelope-To", "To");

    private InboundMail() {
    }

    /** The mail handed over, at most {@link #MAX_BYTES}; more is a 413 naming {@code what}. */
    static byte[] read(InputStream body, String what) throws IOException {
        byte[] mail = body.readNBytes(MAX_BYTES + 1);
        if (mail.length > MAX_BYTES) {
            throw ProblemException.tooLarge(what + " is at most " + MAX_BYTES + " bytes");
        }
        return mail;
    }

    static String first(InternetHeaders headers, String name) {
        String[] values = headers.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** {@code rfc822; kari@firma.no} or {@code <kari@firma.no>} → {@code kari@firma.no}; null when it names none. */
    static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String address = (semicolon >= 0 ? field.substring(semicolon + 1) : field).trim();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).trim();
        }
        return address.isEmpty() ? null : address;
    }
}
