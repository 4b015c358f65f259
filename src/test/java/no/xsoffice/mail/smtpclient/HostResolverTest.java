package no.xsoffice.mail.smtpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostResolverTest {

    private final CountDownLatch never = new CountDownLatch(1);
    private final HostResolver resolver = new HostResolver();
    private final HostResolver slowDns = new HostResolver() {
        @Override
        InetAddress[] lookup(String host) throws UnknownHostException {
            // like the system resolver, deaf to interrupts until the answer comes
            while (never.getCount() > 0) {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // keep waiting
                }
            }
            throw new UnknownHostException(host);
        }
    };

    @AfterEach
    void stop() {
        never.countDown();
        resolver.stop();
        slowDns.stop();
    }

    @Test
    void shouldResolveIpLiteralWithoutNetwork() throws UnknownHostException {
        assertEquals(List.of(InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 216, 34})),
                resolver.resolve("93.184.216.34", Duration.ofSeconds(1)));
    }

    @Test
    void shouldRefuseBlankNameInsteadOfAnsweringLoopback() {
        assertThrows(UnknownHostException.class, () -> resolver.resolve("", Duration.ofSeconds(1)));
        assertThrows(UnknownHostException.class, () -> resolver.resolve(" ", Duration.ofSeconds(1)));
    }

    @Test
    void shouldGiveUpWhenDnsDoesNotAnswerWithinTheTimeout() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThrows(UnknownHostException.class, () -> slowDns.resolve("slow.example", Duration.ofMillis(100)));
        });
    }

    @Test
    void shouldFailAtOnceWhenEveryLookupThreadIsStuck() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < HostResolver.MAX_LOOKUPS; i++) {
                String name = "slow" + i + ".example";
                assertThrows(UnknownHostException.class, () -> slowDns.resolve(name, Duration.ofMillis(10)));
            }
            UnknownHostException e = assertThrows(UnknownHostException.class,
                    () -> slowDns.resolve("one-more.example", Duration.ofSeconds(30)));
            assertEquals("one-more.example: too many DNS lookups in progress", e.getMessage());
        });
    }
}
