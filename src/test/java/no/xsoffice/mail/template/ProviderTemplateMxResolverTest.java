package no.xsoffice.mail.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import no.xsoffice.mail.DnsServerResource;
import no.xsoffice.mail.dns.Dns;
import no.xsoffice.mail.dns.DnsConfig;

/** MxResolver on its own, asking a DNS server of the test's own through {@link Dns}. */
class ProviderTemplateMxResolverTest {

    private static final DnsServerResource SERVER = new DnsServerResource();
    private static String server;

    private final CountDownLatch never = new CountDownLatch(1);
    private final TemplateConfig quick = () -> Duration.ofMillis(200);
    private final MxResolver resolver = new MxResolver(quick, dns(Duration.ofMillis(150)));
    /** Each resolver may take 2 s, the caller waits 200 ms. */
    private final MxResolver patientDns = new MxResolver(quick, dns(Duration.ofSeconds(2)));
    private final MxResolver deafDns = new MxResolver(quick, null) {
        @Override
        List<String> query(String domain) {
            while (never.getCount() > 0) {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // like a resolver that does not hear interrupts
                }
            }
            return List.of("late.example");
        }
    };

    @BeforeAll
    static void startDns() {
        server = SERVER.start().get("mail.dns.servers");
    }

    @AfterAll
    static void stopDns() {
        SERVER.stop();
    }

    private static Dns dns(Duration timeout) {
        return new Dns(new DnsConfig() {
            @Override
            public Optional<List<String>> servers() {
                return Optional.of(List.of(server));
            }

            @Override
            public Duration timeout() {
                return timeout;
            }
        });
    }

    @AfterEach
    void stop() {
        never.countDown();
        resolver.stop();
        patientDns.stop();
        deafDns.stop();
    }

    @Test
    void shouldOrderMxHostsByPreferenceWithoutTheFinalDot() {
        DnsServerResource.mx("ordered.mx-resolver.example", 20, "ALT1.ASPMX.L.GOOGLE.COM.");
        DnsServerResource.mx("ordered.mx-resolver.example", 5, "smtp.google.com");
        DnsServerResource.mx("ordered.mx-resolver.example", 10, "aspmx.l.google.com.");
        assertEquals(List.of("smtp.google.com", "aspmx.l.google.com", "alt1.aspmx.l.google.com"),
                resolver.mxHosts("ordered.mx-resolver.example"));
    }

    @Test
    void shouldTreatTheNullMxAsNoHost() throws Exception {
        DnsServerResource.mx("no-mail.mx-resolver.example", 0, ".");
        assertEquals(List.of(), dns(Duration.ofMillis(150)).mx("no-mail.mx-resolver.example"));
        assertEquals(List.of(), resolver.mxHosts("no-mail.mx-resolver.example"));
    }

    @Test
    void shouldAnswerNothingWhenDnsDoesNotAnswerInTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertEquals(List.of(), deafDns.mxHosts("slow.example")));
    }

    @Test
    void shouldStopWaitingAtTheLookupsTimeoutWhenTheResolverIsSilent() {
        DnsServerResource.silent("silent.mx-resolver.example");
        long started = System.nanoTime();
        assertEquals(List.of(), patientDns.mxHosts("silent.mx-resolver.example"));
        // the caller's 200 ms, well before the resolver's own 2 s
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void shouldAnswerNothingForADomainThatDoesNotExist() {
        assertTimeoutPreemptively(Duration.ofSeconds(3),
                () -> assertEquals(List.of(), resolver.mxHosts("nothing.mx-resolver.example")));
    }
}
