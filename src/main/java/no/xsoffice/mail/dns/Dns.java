package no.xsoffice.mail.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The service's one way into DNS: TXT and CNAME look-ups for sending domains and DMARC policies, MX look-ups for
 * the provider templates. Through dnsjava with {@code MAIL_DNS_SERVERS} (else the system's resolvers), one try per
 * resolver with {@code MAIL_DNS_TIMEOUT}, and no cache: a caller sees what DNS says now. A name that does not
 * exist is no records; a resolver that fails or does not answer is a {@link Failure}.
 */
@ApplicationScoped
public class Dns {

    /** DNS could not say: a timeout, SERVFAIL, REFUSED or a malformed answer. */
    public static class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final Resolver resolver;

    public Dns(DnsConfig config) {
        this.resolver = resolver(config.servers().orElse(List.of()), config.timeout());
    }

    static Resolver resolver(List<String> servers, Duration timeout) {
        ExtendedResolver resolver;
        if (servers.isEmpty()) {
            resolver = new ExtendedResolver();
        } else {
            List<Resolver> each = new ArrayList<>();
            for (String server : servers) {
                each.add(new SimpleResolver(address(server.trim())));
            }
            resolver = new ExtendedResolver(each);
        }
        resolver.setTimeout(timeout);
        resolver.setRetries(1);
        resolver.setLoadBalance(false);
        return resolver;
    }

    /** {@code host:port}, {@code host} (port 53) or {@code [v6]:port}. */
    static InetSocketAddress address(String server) {
        String host = server;
        int port = 53;
        int colon = server.lastIndexOf(':');
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            host = server.substring(1, close);
            port = colon > close ? Integer.parseInt(server.substring(colon + 1)) : 53;
        } else if (colon > 0 && server.indexOf(':') == colon) {
            host = server.substring(0, colon);
            port = Integer.parseInt(server.substring(colon + 1));
        }
        return new InetSocketAddress(host, port);
    }

    /** The TXT records at {@code name}, each one's strings joined. */
    public List<String> txt(String name) throws Failure {
        List<String> found = new ArrayList<>();
        for (Record record : query(name, Type.TXT)) {
            if (record instanceof TXTRecord txt) {
                found.add(String.join("", txt.getStrings()));
            }
        }
        return found;
    }

    /** The target of the CNAME at {@code name}, lower-case and without the final dot. */
    public Optional<String> cname(String name) throws Failure {
        for (Record record : query(name, Type.CNAME)) {
            if (record instanceof CNAMERecord cname) {
                String target = cname.getTarget().toString(true).toLowerCase(Locale.ROOT);
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }

    /**
     * The MX hosts of {@code domain}, most preferred first (equal preferences in DNS's order), lower-case and
     * without the final dot. A null MX ({@code 0 .}, RFC 7505: the domain takes no mail) means none.
     */
    public List<String> mx(String domain) throws Failure {
        List<MXRecord> records = new ArrayList<>();
        for (Record record : query(domain, Type.MX)) {
            if (record instanceof MXRecord mx) {
                if (mx.getTarget().equals(Name.root)) {
                    return List.of();
                }
                records.add(mx);
            }
        }
        return records.stream()
                .sorted(Comparator.comparingInt(MXRecord::getPriority))
                .map(mx -> mx.getTarget().toString(true).toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    private List<Record> query(String name, int type) throws Failure {
        Message answer;
        try {
            Message question = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
            answer = resolver.send(question);
        } catch (TextParseException e) {
            throw new Failure(name + " is not a DNS name");
        } catch (IOException e) {
            throw new Failure("No answer from DNS for " + Type.string(type) + " " + name + ": "
                    + reason(e));
        }
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return List.of();
        }
        if (rcode != Rcode.NOERROR) {
            throw new Failure("DNS answered " + Rcode.string(rcode) + " for " + Type.string(type) + " " + name);
        }
        return answer.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
    }

    /** dnsjava's message, else a sentence for the failure: never a class name. */
    private static String reason(IOException e) {
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        if (e instanceof SocketTimeoutException || e.getCause() instanceof TimeoutException) {
            return "The server did not answer in time";
        }
        return "The connection to the server failed";
    }
}
