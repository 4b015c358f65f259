package no.xsoffice.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostsTest {

    private static final Pattern DOCUMENTED = Pattern.compile(Hosts.PATTERN);

    @ParameterizedTest
    @ValueSource(strings = { "smtp.gmail.com", "SMTP.Office365.com", "mail.example.no.", "localhost", "a-b.c1",
            "smtp.bøler.no", "xn--bler-gra.no", "192.0.2.10", "[192.0.2.10]", "::1", "[::1]", "2001:db8::25",
            "[2001:DB8:0:0:0:0:0:25]", "::ffff:192.0.2.10", "1:2:3:4:5:6:192.0.2.10", "9host" })
    void shouldAcceptWhatTheDocumentAccepts(String host) {
        assertThat(Hosts.normalise(host)).isPresent();
        assertThat(DOCUMENTED.matcher(host).matches()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "-smtp.example.com", "smtp-.example.com", "smtp..example.com", ".example.com", "smtp_1.example.com",
            "smtp example.com", "1.2.3", "256.1.1.1", "123", "1.2.3.4.", "[smtp.example.com]", "[::1", "::1]", "1:2:3:4:5:6:7:8:9",
            "fe80::1%eth0", "2001:db8:::25", "smtp.example.com:587", "http://smtp.example.com", "ola@example.com",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.no" })
    void shouldRefuseWhatTheDocumentRefuses(String host) {
        assertThat(Hosts.normalise(host)).isEmpty();
        assertThat(DOCUMENTED.matcher(host).matches()).isFalse();
    }

    @Test
    void shouldAgreeWithTheDocumentOnEveryShortHostOfHostCharacters() {
        Random random = new Random(20261206);
        String alphabet = "abcXYZ019-.:[]øf";
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            StringBuilder host = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int j = 0; j < length; j++) {
                host.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String h = host.toString();
            if (Hosts.normalise(h).isPresent() != DOCUMENTED.matcher(h).matches()) {
                disagreements.add(h);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void shouldWriteHostsInTheirCanonicalForm() {
        assertThat(Hosts.normalise(" SMTP.Bøler.NO. ")).contains("smtp.xn--bler-gra.no");
        assertThat(Hosts.normalise("[2001:DB8::25]")).contains("2001:db8::25");
        assertThat(Hosts.normalise("[192.0.2.10]")).contains("192.0.2.10");
    }
}
