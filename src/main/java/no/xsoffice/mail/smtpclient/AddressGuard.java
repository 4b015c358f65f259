package no.xsoffice.mail.smtpclient;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import no.xsoffice.mail.problem.FieldError;

/**
 * Keeps user and organisation SMTP servers off this service's own network (SSRF guard): no
 * loopback, private, link-local or metadata address, and only the mail ports 25, 465, 587 and
 * 2525; checked when settings are saved and again, on fresh DNS answers, before every connection.
 * {@code MAIL_TRANSPORT_ALLOW_PRIVATE_HOSTS=true} lifts both rules.
 */
@ApplicationScoped
public class AddressGuard {

    static final Set<Integer> SMTP_PORTS = Set.of(25, 465, 587, 2525);
    static final String PORT_MESSAGE = "must be one of 25, 465, 587, 2525";
    /** The IMAP ports a mailbox's server may use for the copy in the Sent folder: 143 (STARTTLS) and 993 (imaps). */
    static final Set<Integer> IMAP_PORTS = Set.of(143, 993);
    static final String IMAP_PORT_MESSAGE = "must be one of 143, 993";
    static final String HOST_MESSAGE = "must not be a private, loopback, link-local or metadata address";
    /** Why {@code security: NONE} with authentication is refused, for the field {@code security}. */
    public static final String PLAIN_TEXT_MESSAGE = "must be STARTTLS or SSL_TLS when authentication is on: a password"
            + " is never sent over an unencrypted connection, except to a private address when the operator allows"
            + " private hosts";

    private final HostResolver resolver;
    private final TransportConfig config;

    public AddressGuard(HostResolver resolver, TransportConfig config) {
        this.resolver = resolver;
        this.config = config;
    }

    /**
     * The errors of a server's {@code host} and {@code port} at save time; empty when both may be used.
     * An IP literal is judged as it is; a name is resolved, and refused when any of its addresses is
     * forbidden. A name that does not resolve (or not within the DNS timeout) is accepted: DNS may
     * be down for a moment or the record not published yet, and {@link #checkConnect} refuses it
     * until it resolves to allowed addresses.
     */
    public List<FieldError> checkSettings(String host, int port) {
        return checkSettings(host, port, SMTP_PORTS, PORT_MESSAGE);
    }

    /** As {@link #checkSettings(String, int)}, for an IMAP server (ports 143 and 993); the fields are {@code host} and {@code port}. */
    public List<FieldError> checkImapSettings(String host, int port) {
        return checkSettings(host, port, IMAP_PORTS, IMAP_PORT_MESSAGE);
    }

    /** As {@link #checkConnect(String, int)}, for an IMAP server (ports 143 and 993). */
    public InetAddress checkImapConnect(String host, int port) {
        if (!config.allowPrivateHosts() && !IMAP_PORTS.contains(port)) {
            throw new AddressRefusedException("Port " + port + " is not an IMAP port this service connects to (143, 993)");
        }
        return resolveChecked(host);
    }

    /**
     * Whether a password may be sent to {@code host} over an unencrypted connection: only when private hosts are
     * allowed and every address of the host is private (or loopback, link-local); a name that does not resolve is
     * not known to be private, so it is refused.
     */
    public boolean passwordInPlainTextAllowed(String host) {
        if (!config.allowPrivateHosts()) {
            return false;
        }
        try {
            return addressesOf(canonical(host)).stream().allMatch(ForbiddenAddresses::contains);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** As {@link #passwordInPlainTextAllowed(String)}, for the address a connection goes to. */
    public boolean passwordInPlainTextAllowed(InetAddress address) {
        return config.allowPrivateHosts() && ForbiddenAddresses.contains(address);
    }

    /** True when a webhook receiver's host may be used (judged as {@link #checkSettings} judges a host; any port). */
    public boolean webhookHostAllowed(String host) {
        return config.allowPrivateHosts() || hostAllowedAtSave(canonical(host));
    }

    /** As {@link #checkConnect(String, int)}, for a webhook receiver (any port): resolved now, every address checked. */
    public InetAddress checkWebhookConnect(String host) {
        return resolveChecked(host);
    }

    private List<FieldError> checkSettings(String host, int port, Set<Integer> ports, String portMessage) {
        if (config.allowPrivateHosts()) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        if (!ports.contains(port)) {
            errors.add(new FieldError("port", portMessage));
        }
        if (!hostAllowedAtSave(canonical(host))) {
            errors.add(new FieldError("host", HOST_MESSAGE));
        }
        return errors;
    }

    /**
     * The address to connect to for {@code host} and {@code port}, after resolving the name now
     * and checking every address it has. Connect to this address, not to the name, so that a second
     * DNS answer cannot swap in another (DNS rebinding); verify the certificate against the name.
     *
     * @throws AddressRefusedException when the name does not resolve, any address is forbidden,
     *         or the port is not an SMTP port
     */
    public InetAddress checkConnect(String host, int port) {
        boolean guarded = !config.allowPrivateHosts();
        if (guarded && !SMTP_PORTS.contains(port)) {
            throw new AddressRefusedException("Port " + port + " is not an SMTP port this service connects to"
                    + " (25, 465, 587, 2525)");
        }
        return resolveChecked(host);
    }

    private InetAddress resolveChecked(String host) {
        boolean guarded = !config.allowPrivateHosts();
        String name = canonical(host);
        if (guarded && namesThisMachine(name)) {
            throw refused(name);
        }
        List<InetAddress> addresses;
        try {
            addresses = addressesOf(name);
        } catch (UnknownHostException e) {
            throw new AddressRefusedException("Server '" + name + "' does not resolve", e);
        }
        if (guarded && addresses.stream().anyMatch(ForbiddenAddresses::contains)) {
            throw refused(name);
        }
        return addresses.get(0);
    }

    private boolean hostAllowedAtSave(String name) {
        if (namesThisMachine(name)) {
            return false;
        }
        try {
            return addressesOf(name).stream().noneMatch(ForbiddenAddresses::contains);
        } catch (UnknownHostException e) {
            return true; // judged again at connect time, see checkSettings
        }
    }

    private List<InetAddress> addressesOf(String name) throws UnknownHostException {
        if (name.indexOf(':') >= 0) {
            return List.of(ipv6Literal(name));
        }
        byte[] ipv4 = ipv4Literal(name);
        if (ipv4 != null) {
            return List.of(InetAddress.getByAddress(ipv4));
        }
        List<InetAddress> addresses = resolver.resolve(name, config.dnsTimeout());
        if (addresses.isEmpty()) {
            throw new UnknownHostException(name + ": no addresses");
        }
        return addresses;
    }

    /** Lower case, without brackets around an IPv6 literal, without the root dot of a name. */
    public static String canonical(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.length() >= 2 && h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The blank name and {@code localhost} (RFC 6761: any name under it) always mean this machine. */
    private static boolean namesThisMachine(String name) {
        return name.isEmpty() || name.equals("localhost") || name.endsWith(".localhost");
    }

    /** Four decimal numbers 0-255 without leading zeros, as bytes; null for anything else. */
    static byte[] ipv4Literal(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // leading zero: octal to some parsers, decimal to others
                }
                value = (digits == 0 ? 0 : value) * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                bytes[part++] = (byte) value;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    /** An IPv6 literal, parsed without DNS (the brackets make InetAddress refuse to look it up). */
    private static InetAddress ipv6Literal(String text) throws UnknownHostException {
        int zone = text.indexOf('%');
        String address = zone < 0 ? text : text.substring(0, zone);
        return InetAddress.getByName("[" + address + "]");
    }

    private static AddressRefusedException refused(String name) {
        return new AddressRefusedException("SMTP server '" + name + "' is or resolves to a private, loopback,"
                + " link-local or metadata address");
    }
}
