package no.xsoffice.mail.address;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An e-mail address with an optional display name, as written in a request:
 * {@code ola@example.com} or {@code Ola Nordmann <ola@example.com>}. Control characters
 * (CR, LF, NUL, …) are rejected, never stripped: they are how headers are injected.
 */
public record MailAddress(String name, String address) {

    public static final int MAX_LENGTH = 254;

    private static final String LOCAL_CHAR = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
    private static final String DOMAIN_CHAR = "A-Za-z0-9\\u0080-\\uFFFF";
    private static final String DOMAIN_LABEL = "[" + DOMAIN_CHAR + "](?:[" + DOMAIN_CHAR + "-]{0,61}[" + DOMAIN_CHAR + "])?";
    private static final String BARE = "(?=[^@]{1,64}@)" + LOCAL_CHAR + "+(?:\\." + LOCAL_CHAR + "+)*@" + DOMAIN_LABEL
            + "(?:\\." + DOMAIN_LABEL + ")+";

    /** A bare address as {@link #plain} accepts it, white space around it allowed (ECMAScript and Java syntax alike). */
    public static final String PLAIN_PATTERN = "^ *" + BARE + " *$";

    /** {@link #PLAIN_PATTERN}, or blank where a blank address means none. */
    public static final String PLAIN_OR_BLANK_PATTERN = "^ *(?:" + BARE + ")? *$";

    /** An address as {@link #parse} accepts it: bare, or after a display name in angle brackets. */
    public static final String PATTERN = "^ *(?:" + BARE + "|[^\\x00-\\x1F\\x7F\\u0085\\u2028\\u2029]*< *" + BARE + " *>) *$";

    private static final Pattern LOCAL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NAMED = Pattern.compile("^(.*?)\\s*<([^<>]+)>$");

    /** Parses an address with an optional display name; empty when it is not a valid address. */
    public static Optional<MailAddress> parse(String text) {
        if (text == null || text.isBlank() || text.length() > 2 * MAX_LENGTH || hasControl(text)) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        var named = NAMED.matcher(trimmed);
        String name = null;
        String address = trimmed;
        if (named.matches()) {
            name = unquote(named.group(1).trim());
            address = named.group(2).trim();
        }
        String displayName = name == null || name.isEmpty() ? null : name;
        return plain(address).map(a -> new MailAddress(displayName, a));
    }

    /** Parses a bare address (no display name); empty when it is not valid. */
    public static Optional<String> plain(String text) {
        if (text == null || text.length() > MAX_LENGTH || hasControl(text)) {
            return Optional.empty();
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@') != at) {
            return Optional.empty();
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            return Optional.empty();
        }
        return asciiDomain(domain).map(d -> local + "@" + d);
    }

    /** A DNS domain with at least two labels, in its ASCII (IDNA) form, lower-cased. */
    public static Optional<String> asciiDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] labels = ascii.split("\\.", -1);
        if (ascii.length() > 253 || labels.length < 2) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(ascii);
    }

    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** True for CR, LF, NUL and every other control character. */
    public static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return name;
    }

    @Override
    public String toString() {
        return name == null ? address : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + address + ">";
    }
}
