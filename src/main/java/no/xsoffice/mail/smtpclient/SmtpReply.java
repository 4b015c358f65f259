package no.xsoffice.mail.smtpclient;

import java.util.List;

/** A complete SMTP reply: its code and every line's text, without the code. */
public record SmtpReply(int code, List<String> lines) {

    public boolean positive() {
        return code >= 200 && code < 400;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** The whole reply on one line, every line kept: "550 5.4.5 Daily user sending limit exceeded. …". */
    public String text() {
        return (code + " " + String.join(" ", lines)).replaceAll("\\p{Cntrl}+", " ").strip();
    }

    @Override
    public String toString() {
        return text();
    }
}
