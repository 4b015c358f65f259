package no.xsoffice.mail.smtpclient;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates SMTP servers are verified against: the JVM's defaults plus, from
 * {@code MAIL_TRANSPORT_TRUST_CERTS}, a private CA or a self-signed relay. Never trust-all.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {
    }

    /**
     * The trust managers SMTP and IMAP servers are verified with: the JVM's defaults, plus the extra certificates.
     * Read when the service starts, so that a file that cannot be read, or holds no certificate, stops the start.
     *
     * @throws IllegalStateException naming {@code MAIL_TRANSPORT_TRUST_CERTS} when its file cannot be used
     */
    public static TrustManagerFactory factory(TransportConfig config) {
        if (config.trustCerts().isEmpty() || config.trustCerts().get().isBlank()) {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                return factory;
            } catch (Exception e) {
                throw new IllegalStateException("The JVM's default trust store cannot be read", e);
            }
        }
        Path pem = Path.of(config.trustCerts().get());
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : jvmDefaults().getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + n++, ca);
            }
            int extra = 0;
            try (InputStream in = Files.newInputStream(pem)) {
                for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("extra-" + n++, cert);
                    extra++;
                }
            }
            if (extra == 0) {
                throw new IllegalArgumentException("the file holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (Exception e) {
            throw new IllegalStateException("MAIL_TRANSPORT_TRUST_CERTS: cannot read certificates from " + pem + ": "
                    + e.getMessage(), e);
        }
    }

    private static X509TrustManager jvmDefaults() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The JVM has no X.509 trust manager");
    }
}
