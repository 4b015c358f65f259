package no.xsoffice.mail.smtpclient;

/** An SMTP server this service will not connect to: unresolvable, private, or on a port outside the allowed set. */
public class AddressRefusedException extends RuntimeException {

    public AddressRefusedException(String message) {
        super(message);
    }

    public AddressRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
