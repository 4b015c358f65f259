package no.xsoffice.mail.smtpclient;

import java.net.InetAddress;
import java.util.List;

/**
 * The address ranges a user-chosen SMTP server may not be in, judged on the raw address bytes:
 * this machine, private and shared networks, link-local and cloud metadata, multicast and
 * reserved space. IPv6 forms that carry an IPv4 address are judged by that IPv4 address.
 */
final class ForbiddenAddresses {

    private static final List<Range> IPV4 = List.of(
            new Range(8, 0),                  // 0.0.0.0/8       this network, unspecified
            new Range(8, 10),                 // 10.0.0.0/8      private (RFC 1918)
            new Range(10, 100, 64),           // 100.64.0.0/10   carrier-grade NAT, some cloud metadata
            new Range(8, 127),                // 127.0.0.0/8     loopback
            new Range(16, 169, 254),          // 169.254.0.0/16  link-local, cloud metadata 169.254.169.254
            new Range(12, 172, 16),           // 172.16.0.0/12   private (RFC 1918)
            new Range(24, 192, 0, 0),         // 192.0.0.0/24    IETF protocol assignments
            new Range(24, 192, 0, 2),         // 192.0.2.0/24    documentation
            new Range(16, 192, 168),          // 192.168.0.0/16  private (RFC 1918)
            new Range(15, 198, 18),           // 198.18.0.0/15   benchmarking
            new Range(24, 198, 51, 100),      // 198.51.100.0/24 documentation
            new Range(24, 203, 0, 113),       // 203.0.113.0/24  documentation
            new Range(4, 224),                // 224.0.0.0/4     multicast
            new Range(4, 240));               // 240.0.0.0/4     reserved, broadcast 255.255.255.255

    private static final List<Range> IPV6 = List.of(
            new Range(128),                   // ::/128          unspecified
            new Range(128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), // ::1/128 loopback
            new Range(64, 0x01, 0x00),        // 100::/64        discard-only
            new Range(48, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01), // 64:ff9b:1::/48 local-use NAT64
            new Range(32, 0x20, 0x01, 0x00, 0x00), // 2001::/32  Teredo (embedded address is obfuscated)
            new Range(32, 0x20, 0x01, 0x0d, 0xb8), // 2001:db8::/32 documentation
            new Range(7, 0xfc),               // fc00::/7        unique-local, e.g. AWS metadata fd00:ec2::254
            new Range(10, 0xfe, 0x80),        // fe80::/10       link-local
            new Range(10, 0xfe, 0xc0),        // fec0::/10       site-local (deprecated, still private)
            new Range(8, 0xff));              // ff00::/8        multicast

    private static final Range IPV4_MAPPED = new Range(96, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff); // ::ffff:0:0/96
    private static final Range IPV4_COMPATIBLE = new Range(96);                                     // ::/96
    private static final Range NAT64 = new Range(96, 0x00, 0x64, 0xff, 0x9b);                       // 64:ff9b::/96
    private static final Range SIX_TO_FOUR = new Range(16, 0x20, 0x02);                             // 2002::/16

    private ForbiddenAddresses() {
    }

    /** Whether a user-chosen SMTP server may not be reached at {@code address}. */
    static boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return IPV4.stream().anyMatch(range -> range.contains(bytes));
        }
        if (IPV6.stream().anyMatch(range -> range.contains(bytes))) {
            return true;
        }
        byte[] embedded = embeddedIpv4(bytes);
        return embedded != null && IPV4.stream().anyMatch(range -> range.contains(embedded));
    }

    /** The IPv4 address an IPv6 address stands for (mapped, compatible, NAT64, 6to4), or null. */
    private static byte[] embeddedIpv4(byte[] v6) {
        if (IPV4_MAPPED.contains(v6) || IPV4_COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            return new byte[] {v6[12], v6[13], v6[14], v6[15]};
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return new byte[] {v6[2], v6[3], v6[4], v6[5]};
        }
        return null;
    }

    /** A CIDR block: its leading {@code bits} must equal those of {@code prefix}, padded with zero bytes. */
    private record Range(int bits, int... prefix) {

        boolean contains(byte[] address) {
            for (int bit = 0; bit < bits; bit++) {
                int i = bit / 8;
                int mask = 0x80 >>> (bit % 8);
                int expected = i < prefix.length ? prefix[i] : 0;
                if ((address[i] & mask) != (expected & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
