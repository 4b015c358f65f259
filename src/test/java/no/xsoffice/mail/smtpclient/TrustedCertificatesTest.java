package no.xsoffice.mail.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extra certificates of MAIL_TRANSPORT_TRUST_CERTS, read when the service starts. */
class TrustedCertificatesTest {

    @TempDir
    Path dir;

    private static TransportConfig trusting(String path) {
        return (TransportConfig) Proxy.newProxyInstance(TransportConfig.class.getClassLoader(),
                new Class<?>[] {TransportConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("trustCerts")) {
                        return Optional.of(path);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void shouldStopWithAMessageNamingTheVariableWhenTheFileCannotBeRead() {
        String missing = dir.resolve("missing.pem").toString();
        assertThatThrownBy(() -> TrustedCertificates.factory(trusting(missing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("MAIL_TRANSPORT_TRUST_CERTS: cannot read certificates from " + missing);
    }

    @Test
    void shouldStopWhenTheFileHoldsNoCertificate() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "no certificate here\n");
        assertThatThrownBy(() -> TrustedCertificates.factory(trusting(empty.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("MAIL_TRANSPORT_TRUST_CERTS: ");
    }

    @Test
    void shouldTrustTheCertificatesOfAReadableFile() {
        assertThat(TrustedCertificates.factory(trusting("src/test/resources/tls/localhost.pem")).getTrustManagers())
                .isNotEmpty();
    }
}
