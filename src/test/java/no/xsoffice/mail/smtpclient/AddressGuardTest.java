package no.xsoffice.mail.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import no.xsoffice.mail.problem.FieldError;

class AddressGuardTest {

    private static final FieldError HOST_ERROR = new FieldError("host", AddressGuard.HOST_MESSAGE);
    private static final FieldError PORT_ERROR = new FieldError("port", AddressGuard.PORT_MESSAGE);

    private final FakeDns dns = new FakeDns(Map.of(
            "mail.example", List.of(ip("93.184.216.34")),
            "mail6.example", List.of(ip("2606:2800:220:1:248:1893:25c8:1946")),
            "multi.example", List.of(ip("93.184.216.34"), ip("93.184.216.35")),
            "evil.example", List.of(ip("10.0.0.5")),
            "loop.example", List.of(ip("127.0.0.1")),
            "metadata.example", List.of(ip("169.254.169.254")),
            "rebind.example", List.of(ip("93.184.216.34"), ip("127.0.0.1")),
            "rebind-last.example", List.of(ip("127.0.0.1"), ip("93.184.216.34")),
            "mapped.example", List.of(ipv4MappedInet6(127, 0, 0, 1)),
            "empty.example", List.of()));
    private final AddressGuard guard = new AddressGuard(dns, new Config(false));
    private final AddressGuard permissive = new AddressGuard(dns, new Config(true));

    // --- allowed servers -------------------------------------------------------------------------

    @Test
    void shouldAcceptPublicAddressOnSubmissionPort() {
        assertEquals(List.of(), guard.checkSettings("93.184.216.34", 587));
        assertEquals(ip("93.184.216.34"), guard.checkConnect("93.184.216.34", 587));
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 465, 587, 2525})
    void shouldAcceptEverySmtpPort(int port) {
        assertEquals(List.of(), guard.checkSettings("mail.example", port));
        assertEquals(ip("93.184.216.34"), guard.checkConnect("mail.example", port));
    }

    @Test
    void shouldAcceptHostNameResolvingToPublicAddress() {
        assertEquals(List.of(), guard.checkSettings("mail.example", 465));
        assertEquals(ip("93.184.216.34"), guard.checkConnect("mail.example", 465));
    }

    @Test
    void shouldAcceptHostNameResolvingToPublicIpv6Address() {
        assertEquals(List.of(), guard.checkSettings("mail6.example", 587));
        assertEquals(ip("2606:2800:220:1:248:1893:25c8:1946"), guard.checkConnect("mail6.example", 587));
    }

    @Test
    void shouldNormaliseMixedCaseAndTrailingDotBeforeResolving() {
        assertEquals(ip("93.184.216.34"), guard.checkConnect(" Mail.EXAMPLE. ", 587));
        assertEquals(List.of("mail.example"), dns.asked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "93.184.216.34", "9.255.255.255", "11.0.0.0",
        "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0",
        "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0", "192.0.1.1", "198.17.255.255",
        "198.20.0.0", "223.255.255.255"})
    void shouldAcceptPublicIpv4LiteralsJustOutsideForbiddenRanges(String host) {
        assertEquals(List.of(), guard.checkSettings(host, 587));
        assertEquals(ip(host), guard.checkConnect(host, 587));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2606:2800:220:1:248:1893:25c8:1946", "[2a00:1450:4001:80b::201a]",
        "2A00:1450:4001:80B::201A", "::ffff:93.184.216.34", "64:ff9b::5db8:d822", "2002:5db8:d822::1",
        "fbff:ffff::1", "2001:1::1"})
    void shouldAcceptPublicIpv6Literals(String host) {
        assertEquals(List.of(), guard.checkSettings(host, 587));
        guard.checkConnect(host, 587);
    }

    @Test
    void shouldConnectToTheFirstCheckedAddress() {
        assertEquals(ip("93.184.216.34"), guard.checkConnect("multi.example", 587));
    }

    // --- forbidden addresses ---------------------------------------------------------------------

    @Test
    void shouldRefuseMetadataAddress() {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings("169.254.169.254", 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect("169.254.169.254", 587));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0.0.0.0", "0.1.2.3",                                      // unspecified, this network
        "127.0.0.1", "127.255.255.254", "[127.0.0.1]", "127.0.0.1.", // loopback
        "10.0.0.1", "10.255.255.255",                               // RFC 1918
        "172.16.0.1", "172.31.255.255",
        "192.168.0.1", "192.168.255.255",
        "100.64.0.1", "100.127.255.255", "100.100.100.200",        // CGNAT, Alibaba metadata
        "169.254.0.1", "169.254.169.254", "169.254.255.255",        // link-local, metadata
        "224.0.0.1", "239.255.255.250",                             // multicast
        "255.255.255.255", "240.0.0.1",                             // broadcast, reserved
        "192.0.0.1", "192.0.2.1", "198.18.0.1", "198.19.255.255",   // protocol, documentation, benchmark
        "198.51.100.1", "203.0.113.1"})
    void shouldRefuseEveryForbiddenIpv4Range(String host) {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings(host, 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect(host, 587));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "::", "::1", "[::1]", "0:0:0:0:0:0:0:1", "[0000::0001]",     // unspecified, loopback
        "fc00::1", "fd00:ec2::254", "fdff:ffff:ffff::1",            // unique-local, AWS metadata
        "fe80::1", "fe80::1%eth0", "[fe80::1%25eth0]", "febf:ffff::1", // link-local
        "fec0::1",                                                  // site-local
        "ff02::1", "ff05::fb",                                      // multicast
        "100::1", "2001:db8::1",                                    // discard, documentation
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",                     // Teredo
        "64:ff9b:1::a00:1"})                                        // local-use NAT64
    void shouldRefuseEveryForbiddenIpv6Range(String host) {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings(host, 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect(host, 587));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:169.254.169.254", "::FFFF:10.0.0.1", "[::ffff:7f00:1]",
        "::ffff:192.168.1.1", "::127.0.0.1", "::10.0.0.1"})
    void shouldJudgeIpv4MappedAndCompatibleIpv6ByTheirIpv4Address(String host) {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings(host, 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect(host, 587));
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::10.0.0.1",
        "2002:7f00:1::", "2002:a9fe:a9fe::1", "2002:c0a8:0101:1::1"})
    void shouldJudgeNat64And6to4ByTheirEmbeddedIpv4Address(String host) {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings(host, 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect(host, 587));
    }

    @Test
    void shouldJudgeIpv4MappedAnswerFromDnsByItsIpv4Address() {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings("mapped.example", 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect("mapped.example", 587));
    }

    @Test
    void shouldRefuseHostNameResolvingToLoopback() {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings("loop.example", 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect("loop.example", 587));
    }

    @Test
    void shouldRefuseHostNameResolvingToPrivateAddress() {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings("evil.example", 587));
        assertEquals(List.of(HOST_ERROR), guard.checkSettings("EVIL.Example.", 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect("[Evil.Example.]", 587));
    }

    @Test
    void shouldRefuseHostNameResolvingToMetadataAddress() {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings("metadata.example", 25));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect("metadata.example", 25));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rebind.example", "rebind-last.example"})
    void shouldRefuseHostNameWhenAnyOfItsAddressesIsForbidden(String host) {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings(host, 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect(host, 587));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "mail.localhost", "a.b.localhost.", "", "  "})
    void shouldRefuseLocalhostNamesWithoutAskingDns(String host) {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings(host, 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect(host, 587));
        assertEquals(List.of(), dns.asked);
    }

    @Test
    void shouldRefuseNullHost() {
        assertEquals(List.of(HOST_ERROR), guard.checkSettings(null, 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect(null, 587));
    }

    @Test
    void shouldNotNameTheResolvedAddressInTheRefusal() {
        AddressRefusedException e = assertThrows(AddressRefusedException.class,
                () -> guard.checkConnect("evil.example", 587));
        assertThat(e.getMessage()).contains("evil.example");
        assertThat(e.getMessage()).doesNotContain("10.0.0.5");
    }

    // --- ports -----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {22, 80, 443, 2526, 24, 26, 0, -1, 65536})
    void shouldRefusePortOutsideSmtpPorts(int port) {
        assertEquals(List.of(PORT_ERROR), guard.checkSettings("93.184.216.34", port));
        AddressRefusedException e = assertThrows(AddressRefusedException.class,
                () -> guard.checkConnect("93.184.216.34", port));
        assertThat(e.getMessage()).contains("Port " + port);
    }

    @Test
    void shouldReportBothPortAndHostAtOnce() {
        assertEquals(List.of(PORT_ERROR, HOST_ERROR), guard.checkSettings("10.0.0.1", 22));
    }

    // --- names that do not resolve ---------------------------------------------------------------

    @Test
    void shouldAcceptUnresolvableNameAtSaveAndRefuseItAtConnect() {
        assertEquals(List.of(), guard.checkSettings("nowhere.example", 587));
        AddressRefusedException e = assertThrows(AddressRefusedException.class,
                () -> guard.checkConnect("nowhere.example", 587));
        assertThat(e).hasCauseInstanceOf(UnknownHostException.class);
        assertThat(e.getMessage()).contains("does not resolve");
    }

    @Test
    void shouldTreatEmptyDnsAnswerAsUnresolvable() {
        assertEquals(List.of(), guard.checkSettings("empty.example", 587));
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect("empty.example", 587));
    }

    @Test
    void shouldStillRefuseUnresolvableNameOnForbiddenPortAtSave() {
        assertEquals(List.of(PORT_ERROR), guard.checkSettings("nowhere.example", 22));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "::1", "[fe80::1]", "::ffff:169.254.169.254", "93.184.216.34",
        "::zz", "1::2::3", "[::1"})
    void shouldJudgeIpLiteralsWithoutAskingDns(String host) {
        guard.checkSettings(host, 587);
        try {
            guard.checkConnect(host, 587);
        } catch (AddressRefusedException expected) {
            // judged or malformed; what matters is that DNS was not asked
        }
        assertEquals(List.of(), dns.asked);
    }

    @Test
    void shouldRefuseMalformedIpv6LiteralAtConnect() {
        assertThrows(AddressRefusedException.class, () -> guard.checkConnect("1::2::3", 587));
    }

    // --- MAIL_TRANSPORT_ALLOW_PRIVATE_HOSTS=true -------------------------------------------------

    @Test
    void shouldLiftHostAndPortRulesWhenPrivateHostsAreAllowed() {
        assertEquals(List.of(), permissive.checkSettings("127.0.0.1", 22));
        assertEquals(List.of(), permissive.checkSettings("localhost", 3025));
        assertEquals(List.of(), permissive.checkSettings("evil.example", 0));
        assertEquals(ip("127.0.0.1"), permissive.checkConnect("127.0.0.1", 3025));
        assertEquals(ip("169.254.169.254"), permissive.checkConnect("metadata.example", 80));
        assertEquals(ip("10.0.0.5"), permissive.checkConnect("evil.example", 2526));
        assertEquals(ip("::1"), permissive.checkConnect("[::1]", 1025));
    }

    @Test
    void shouldStillRefuseUnresolvableNameAtConnectWhenPrivateHostsAreAllowed() {
        assertEquals(List.of(), permissive.checkSettings("nowhere.example", 587));
        assertThrows(AddressRefusedException.class, () -> permissive.checkConnect("nowhere.example", 587));
        assertThrows(AddressRefusedException.class, () -> permissive.checkConnect("", 587));
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** An address from an IP literal; InetAddress parses literals without asking DNS. */
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** ::ffff:a.b.c.d kept as an Inet6Address, as a resolver could hand it over. */
    private static InetAddress ipv4MappedInet6(int a, int b, int c, int d) {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        try {
            return Inet6Address.getByAddress(null, bytes, null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DNS with fixed answers; remembers every name it was asked for. */
    private static final class FakeDns extends HostResolver {

        private final Map<String, List<InetAddress>> answers;
        final List<String> asked = new ArrayList<>();

        FakeDns(Map<String, List<InetAddress>> answers) {
            this.answers = answers;
        }

        @Override
        public List<InetAddress> resolve(String host, Duration timeout) throws UnknownHostException {
            asked.add(host);
            List<InetAddress> answer = answers.get(host);
            if (answer == null) {
                throw new UnknownHostException(host);
            }
            return answer;
        }
    }

    private record Config(boolean allowPrivateHosts) implements TransportConfig {

        @Override
        public Optional<String> trustCerts() {
            return Optional.empty();
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration readTimeout() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration greetingTimeout() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration mailTimeout() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration rcptTimeout() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration dataTimeout() {
            return Duration.ofMinutes(2);
        }

        @Override
        public Duration dataBlockTimeout() {
            return Duration.ofMinutes(3);
        }

        @Override
        public Duration endOfDataTimeout() {
            return Duration.ofMinutes(10);
        }

        @Override
        public Duration dnsTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration connectionTestDeadline() {
            return Duration.ofSeconds(30);
        }
    }
}
