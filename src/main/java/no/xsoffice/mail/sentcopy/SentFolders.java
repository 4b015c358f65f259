package no.xsoffice.mail.sentcopy;

import java.util.List;
import java.util.Optional;

/** Which folder of a mailbox is its Sent folder. */
final class SentFolders {

    /** The names tried, in order, when no folder has the {@code \Sent} special-use attribute. */
    static final List<String> NAMES = List.of("Sent", "Sent Items", "Sendte elementer", "INBOX.Sent", "Sent Messages");
    /** The folder created when the mailbox has none of them. */
    static final String CREATED = "Sent";

    private SentFolders() {
    }

    /** A folder as the server lists it: its full name and its attributes (e.g. {@code \Sent}, {@code \HasNoChildren}). */
    record Listed(String name, List<String> attributes) {
    }

    /**
     * The folder marked {@code \Sent} (RFC 6154), else the first of {@link #NAMES} that exists (names compared
     * exactly, except that INBOX is case-insensitive); empty when there is none and {@link #CREATED} is to be made.
     */
    static Optional<String> choose(List<Listed> folders) {
        Optional<String> special = folders.stream()
                .filter(f -> f.attributes().stream().anyMatch("\\Sent"::equalsIgnoreCase))
                .map(Listed::name).findFirst();
        if (special.isPresent()) {
            return special;
        }
        for (String name : NAMES) {
            Optional<String> found = folders.stream().map(Listed::name).filter(n -> same(n, name)).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean same(String listed, String wanted) {
        if (listed.equals(wanted)) {
            return true;
        }
        return wanted.startsWith("INBOX.") && listed.length() == wanted.length()
                && listed.regionMatches(true, 0, wanted, 0, 6) && listed.substring(6).equals(wanted.substring(6));
    }
}
