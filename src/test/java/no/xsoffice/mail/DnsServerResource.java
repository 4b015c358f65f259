package no.xsoffice.mail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A small authoritative DNS server for the tests on a loopback UDP port, answering from the records the tests
 * publish ({@link #txt}, {@link #cname}, {@link #mx}); other names do not exist, and {@link #silent} names get no answer at all
 * (a timeout). The service asks it through {@code MAIL_DNS_SERVERS}.
 */
public class DnsServerResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, List<String>> TXT = new ConcurrentHashMap<>();
    private static final Map<String, String> CNAME = new ConcurrentHashMap<>();
    private static final Map<String, List<Mx>> MX = new ConcurrentHashMap<>();
    private static final Set<String> SILENT = ConcurrentHashMap.newKeySet();

    private record Mx(int preference, String host) {
    }

    private DatagramSocket socket;

    public static void txt(String name, String... values) {
        TXT.put(name.toLowerCase(), List.of(values));
    }

    public static void cname(String name, String target) {
        CNAME.put(name.toLowerCase(), target.toLowerCase());
    }

    /** Adds an MX record at {@code domain}; a host of {@code "."} is the null MX (RFC 7505). */
    public static void mx(String domain, int preference, String host) {
        MX.computeIfAbsent(domain.toLowerCase(), name -> new CopyOnWriteArrayList<>())
                .add(new Mx(preference, host.toLowerCase()));
    }

    public static void silent(String name) {
        SILENT.add(name.toLowerCase());
    }

    /** The TXT records published at a name (for the DKIM verifier's key look-up). */
    public static List<String> published(String name) {
        return TXT.getOrDefault(name.toLowerCase(), List.of());
    }

    @Override
    public Map<String, String> start() {
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
        Thread server = new Thread(this::serve, "test-dns");
        server.setDaemon(true);
        server.start();
        return Map.of("mail.dns.servers", "127.0.0.1:" + socket.getLocalPort(),
                "mail.dns.timeout", "500ms",
                "mail.system.bounce-domain", "bounces.xs-office.no",
                "mail.system.spf-include", "spf.xs-office.no");
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                String name = question.getName().toString(true).toLowerCase();
                if (SILENT.contains(name)) {
                    continue;
                }
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.addRecord(question, Section.QUESTION);
                boolean exists = false;
                if (question.getType() == Type.TXT && TXT.containsKey(name)) {
                    exists = true;
                    for (String value : TXT.get(name)) {
                        answer.addRecord(new TXTRecord(question.getName(), DClass.IN, 60, split(value)), Section.ANSWER);
                    }
                } else if (question.getType() == Type.CNAME && CNAME.containsKey(name)) {
                    exists = true;
                    answer.addRecord(new CNAMERecord(question.getName(), DClass.IN, 60,
                            Name.fromString(CNAME.get(name), Name.root)), Section.ANSWER);
                } else if (question.getType() == Type.MX && MX.containsKey(name)) {
                    for (Mx mx : MX.get(name)) {
                        answer.addRecord(new MXRecord(question.getName(), DClass.IN, 60, mx.preference(),
                                Name.fromString(mx.host(), Name.root)), Section.ANSWER);
                    }
                }
                exists |= TXT.containsKey(name) || CNAME.containsKey(name) || MX.containsKey(name);
                answer.getHeader().setRcode(exists ? Rcode.NOERROR : Rcode.NXDOMAIN);
                byte[] wire = answer.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** TXT character strings are at most 255 bytes: a DKIM key is published as several. */
    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            parts.add(value.substring(i, Math.min(value.length(), i + 255)));
        }
        return parts;
    }

    @Override
    public void stop() {
        if (socket != null) {
            socket.close();
        }
    }
}
