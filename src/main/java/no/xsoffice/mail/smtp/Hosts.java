package no.xsoffice.mail.smtp;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names and IP literals as written in SMTP settings: a DNS name (labels of letters, digits and inner hyphens; names
 * in other scripts as IDNA reads them), an IPv4 address or an IPv6 address, an IP address also in brackets as SMTP
 * writes address literals. {@link #PATTERN} states the same rule for the API document.
 */
public final class Hosts {

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final String IPV4 = OCTET + "(?:\\." + OCTET + "){3}";
    private static final String H = "[0-9A-Fa-f]{1,4}";
    private static final String IPV6 = "(?:"
            + "(?:" + H + ":){7}" + H
            + "|(?:" + H + ":){1,7}:"
            + "|(?:" + H + ":){1,6}:" + H
            + "|(?:" + H + ":){1,5}(?::" + H + "){1,2}"
            + "|(?:" + H + ":){1,4}(?::" + H + "){1,3}"
            + "|(?:" + H + ":){1,3}(?::" + H + "){1,4}"
            + "|(?:" + H + ":){1,2}(?::" + H + "){1,5}"
            + "|" + H + ":(?::" + H + "){1,6}"
            + "|:(?:(?::" + H + "){1,7}|:)"
            + "|(?:" + H + ":){6}" + IPV4
            + "|(?:" + H + ":){1,5}:" + IPV4
            + "|::(?:" + H + ":){0,5}" + IPV4
            + ")";
    private static final String CHAR = "A-Za-z0-9\\u0080-\\uFFFF";
    private static final String LABEL = "[" + CHAR + "](?:[" + CHAR + "-]{0,61}[" + CHAR + "])?";
    private static final String NAME = "(?![0-9.]+$)" + LABEL + "(?:\\." + LABEL + ")*\\.?";
    private static final String IP = "(?:" + IPV4 + "|" + IPV6 + ")";

    /** A host as {@link #normalise} accepts it (ECMAScript and Java syntax alike); names are also held to 253 characters. */
    public static final String PATTERN = "^(?:" + NAME + "|" + IP + "|\\[" + IP + "\\])$";

    /** {@link #PATTERN}, or empty where an empty host means none. */
    public static final String PATTERN_OR_EMPTY = "^$|" + PATTERN;

    private static final Pattern IPV4_LITERAL = Pattern.compile(IPV4);
    private static final Pattern IPV6_LITERAL = Pattern.compile(IPV6);
    private static final Pattern ASCII_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Hosts() {
    }

    /** The host in canonical form (lower case, ASCII, IP literals without brackets); empty when it is not valid. */
    public static Optional<String> normalise(String host) {
        String h = host.trim();
        boolean bracketed = h.startsWith("[") && h.endsWith("]");
        if (bracketed) {
            h = h.substring(1, h.length() - 1);
        }
        if (IPV4_LITERAL.matcher(h).matches()) {
            return Optional.of(h);
        }
        if (h.contains(":")) {
            return IPV6_LITERAL.matcher(h).matches() && isIpv6Literal(h) ? Optional.of(h.toLowerCase(Locale.ROOT)) : Optional.empty();
        }
        return bracketed ? Optional.empty() : name(h);
    }

    private static Optional<String> name(String h) {
        String ascii;
        try {
            ascii = IDN.toASCII(h, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253 || ascii.matches("[0-9.]+")) {
            return Optional.empty();
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!ASCII_LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(ascii);
    }

    private static boolean isIpv6Literal(String h) {
        try {
            // a literal of hex digits, colons and dots is parsed, never looked up
            InetAddress.getByName(h);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
