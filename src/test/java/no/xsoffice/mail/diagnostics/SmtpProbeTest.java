package no.xsoffice.mail.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import no.xsoffice.mail.ScriptedSmtpServer;
import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.HostResolver;
import no.xsoffice.mail.smtpclient.MailClients;
import no.xsoffice.mail.smtpclient.SmtpConfig;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.smtpclient.TransportConfig;

/** The connection test against a server that greets slowly, with the test's deadline as operators may set it. */
class SmtpProbeTest {

    private final ScriptedSmtpServer server;

    SmtpProbeTest() throws Exception {
        server = new ScriptedSmtpServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private static SmtpProbe probe(Duration deadline) {
        TransportConfig config = new Config(deadline);
        SmtpConfig smtp = () -> Optional.of("client.example");
        return new SmtpProbe(new AddressGuard(new HostResolver(), config), config, new MailClients(config, smtp));
    }

    private SmtpProbe.Target target() {
        return new SmtpProbe.Target("127.0.0.1", server.port(), SmtpSecurity.NONE, false, null, null,
                "kari@firma.no", null);
    }

    @Test
    void shouldPassAServerThatGreetsAfterTwentySecondsAndSayThatItGreetsSlowly() {
        server.greetingDelayMillis = 20_000;
        SmtpProbe.Target target = target();

        List<Stage> stages = probe(Duration.ofSeconds(30)).run(target);

        assertThat(stages).allMatch(Stage::ok);
        assertThat(stages.get(stages.size() - 1).stage()).isEqualTo(Stage.DATA);
        assertThat(stages.get(1).detail()).contains("the greeting took");
        assertThat(Hints.hint(stages, target)).startsWith("Slow greeting").doesNotContain("SSL_TLS");
        assertThat(server.messages).isEmpty();
    }

    @Test
    void shouldWaitForTheGreetingNoLongerThanTheTestsDeadline() {
        server.greetingDelayMillis = 20_000;
        SmtpProbe.Target target = target();

        List<Stage> stages = probe(Duration.ofSeconds(3)).run(target);

        Stage connect = stages.get(stages.size() - 1);
        assertThat(connect.stage()).isEqualTo(Stage.CONNECT);
        assertThat(connect.ok()).isFalse();
        assertThat(connect.failure()).isEqualTo(Stage.Failure.NO_GREETING);
        assertThat(connect.ms()).isLessThan(3_000);
        assertThat(Hints.hint(stages, target)).contains("said nothing");
    }

    @Test
    void shouldGiveNoHintWhenTheServerGreetsAtOnce() {
        SmtpProbe.Target target = target();

        List<Stage> stages = probe(Duration.ofSeconds(30)).run(target);

        assertThat(stages).allMatch(Stage::ok);
        assertThat(Hints.hint(stages, target)).isNull();
    }

    private record Config(Duration connectionTestDeadline) implements TransportConfig {

        @Override
        public boolean allowPrivateHosts() {
            return true;
        }

        @Override
        public Optional<String> trustCerts() {
            return Optional.empty();
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(2);
        }

        @Override
        public Duration readTimeout() {
            return Duration.ofSeconds(3);
        }

        @Override
        public Duration greetingTimeout() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration mailTimeout() {
            return Duration.ofSeconds(3);
        }

        @Override
        public Duration rcptTimeout() {
            return Duration.ofSeconds(3);
        }

        @Override
        public Duration dataTimeout() {
            return Duration.ofSeconds(3);
        }

        @Override
        public Duration dataBlockTimeout() {
            return Duration.ofSeconds(3);
        }

        @Override
        public Duration endOfDataTimeout() {
            return Duration.ofSeconds(3);
        }

        @Override
        public Duration dnsTimeout() {
            return Duration.ofSeconds(1);
        }
    }
}
