package no.xsoffice.mail.security;

/** The roles of the identity service's {@code groups} claim. */
public final class Roles {

    public static final String USER = "user";
    public static final String ORG_ADMIN = "org-admin";
    public static final String SERVICE = "service";

    private Roles() {
    }
}
