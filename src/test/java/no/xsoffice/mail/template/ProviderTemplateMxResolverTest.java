package no.xsoffice.mail.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import javax.naming.directory.BasicAttribute;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderTemplateMxResolverTest {

    private final CountDownLatch never = new CountDownLatch(1);
    private final TemplateConfig quick = () -> Duration.ofMillis(200);
    private final MxResolver resolver = new MxResolver(quick);
    private final MxResolver deafDns = new MxResolver(quick) {
        @Override
        List<String> query(String domain, long timeoutMillis) {
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

    @AfterEach
    void stop() {
        never.countDown();
        resolver.stop();
        deafDns.stop();
    }

    @Test
    void shouldOrderMxHostsByPreferenceWithoutTheFinalDot() throws Exception {
        BasicAttribute mx = new BasicAttribute("MX");
        mx.add("20 ALT1.ASPMX.L.GOOGLE.COM.");
        mx.add("5 smtp.google.com.");
        mx.add("10 aspmx.l.google.com.");
        mx.add("not a record");
        assertEquals(List.of("smtp.google.com", "aspmx.l.google.com", "alt1.aspmx.l.google.com"), MxResolver.hosts(mx));
    }

    @Test
    void shouldTreatTheNullMxAsNoHost() throws Exception {
        BasicAttribute mx = new BasicAttribute("MX");
        mx.add("0 .");
        assertEquals(List.of(), MxResolver.hosts(mx));
    }

    @Test
    void shouldAnswerNothingWhenDnsDoesNotAnswerInTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertEquals(List.of(), deafDns.mxHosts("slow.example")));
    }

    @Test
    void shouldAnswerNothingForADomainThatCannotExist() {
        // answered NXDOMAIN, or not at all without a network: either way no hosts, and within the timeout
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertEquals(List.of(), resolver.mxHosts("nothing.invalid")));
    }
}
