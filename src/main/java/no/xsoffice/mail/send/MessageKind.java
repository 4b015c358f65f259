package no.xsoffice.mail.send;

/** What the user is writing: a new message, a reply, or a forward; it picks the signature and the thread headers. */
public enum MessageKind {
    NEW,
    REPLY,
    FORWARD
}
