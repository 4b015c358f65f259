package no.xsoffice.mail.smtpclient;


/**
 * One SMTP server with the credentials to use on it. {@code guarded}: a user's or organisation's
 * server, checked against the SSRF rules before every connection; XS Office's relay is trusted.
 */
public record SmtpEndpoint(String host, int port, SmtpSecurity security, String username, String password,
        boolean guarded, AuthMethod authMethod) {

    public SmtpEndpoint(String host, int port, SmtpSecurity security, String username, String password, boolean guarded) {
        this(host, port, security, username, password, guarded, AuthMethod.PASSWORD);
    }

    /** Whether a host is an IP address rather than a name (no SNI, nothing to look up). */
    public static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return host + ":" + port + " (" + security + (username == null ? "" : ", as " + username)
                + (authMethod == AuthMethod.XOAUTH2 ? " with XOAUTH2" : "") + ")";
    }
}
