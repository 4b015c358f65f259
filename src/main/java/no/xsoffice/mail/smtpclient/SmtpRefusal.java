package no.xsoffice.mail.smtpclient;

/** The server answered a step of the dialogue with a failure reply: nothing more was sent in this transaction. */
public final class SmtpRefusal extends Exception {

    private final String stage;
    private final SmtpReply reply;

    public SmtpRefusal(String stage, SmtpReply reply) {
        super(stage + ": " + reply.text(), null, false, false);
        this.stage = stage;
        this.reply = reply;
    }

    /** The step the server refused: CONNECT, EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO (in a trial) or DATA. */
    public String stage() {
        return stage;
    }

    public SmtpReply reply() {
        return reply;
    }
}
