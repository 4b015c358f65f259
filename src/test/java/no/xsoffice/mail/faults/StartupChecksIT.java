package no.xsoffice.mail.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Configuration that can be checked at start-up is: the packaged service does not start with a bad value. */
class StartupChecksIT {

    @Test
    void shouldNotStartWithATrustStoreFileItCannotRead() throws Exception {
        PackagedService service = new PackagedService("unreadable-trust", 18097, 2525)
                .with("MAIL_TRANSPORT_TRUST_CERTS", "target/no-such-trust-store.pem");

        String output = service.startExpectingExit(Duration.ofSeconds(60));

        assertThat(output).doesNotStartWith("exit 0")
                .contains("MAIL_TRANSPORT_TRUST_CERTS: cannot read certificates from target/no-such-trust-store.pem");
    }
}
