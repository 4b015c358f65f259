package no.xsoffice.mail.security;

/**
 * The rule for the user and organisation ids that tokens carry and paths name: at most {@link #MAX_LENGTH}
 * characters (the database's columns), none of them a control character (PostgreSQL stores no NUL).
 */
public final class Ids {

    public static final int MAX_LENGTH = 200;

    private Ids() {
    }

    public static boolean valid(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_LENGTH && id.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
