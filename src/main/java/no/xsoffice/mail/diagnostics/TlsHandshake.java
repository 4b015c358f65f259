package no.xsoffice.mail.diagnostics;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The verification of one connection test's TLS handshake, which the SMTP session performs: as every delivery's
 * (the service's trusted certificates, and the host name), remembering what the server presented so that a
 * refused certificate can be described. It records and then delegates; it never accepts more.
 */
final class TlsHandshake {

    private final X509ExtendedTrustManager verifier;
    private volatile X509Certificate presented;
    private volatile Boolean trusted;
    private volatile Boolean hostnameMatches;

    TlsHandshake(TrustManagerFactory trust) {
        X509ExtendedTrustManager found = null;
        for (TrustManager manager : trust.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                found = x509;
            }
        }
        if (found == null) {
            throw new IllegalStateException("No X.509 trust manager to verify SMTP servers with");
        }
        verifier = found;
    }

    /**
     * The TLS context to hand the SMTP session for one test: it verifies as deliveries do, and remembers what
     * the server presented on the way.
     */
    SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new Recorder() }, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    /** The server's certificate as far as the handshake got; null when none was presented. */
    Stage.Certificate certificate() {
        X509Certificate cert = presented;
        if (cert == null) {
            return null;
        }
        return new Stage.Certificate(cert.getSubjectX500Principal().getName(X500Principal.RFC2253),
                cert.getIssuerX500Principal().getName(X500Principal.RFC2253), cert.getNotAfter().toInstant(),
                hostnameMatches, Boolean.TRUE.equals(trusted));
    }

    boolean untrusted() {
        return Boolean.FALSE.equals(trusted);
    }

    boolean hostnameMismatch() {
        return Boolean.FALSE.equals(hostnameMatches);
    }

    /** What a failed handshake most likely means. */
    Stage.Failure failure(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof SSLException && (message.contains("unrecognized ssl message") || message.contains("plaintext"))) {
            return Stage.Failure.NOT_TLS;
        }
        if (untrusted()) {
            return presented != null && presented.getNotAfter().toInstant().isBefore(Instant.now())
                    ? Stage.Failure.CERTIFICATE_EXPIRED : Stage.Failure.CERTIFICATE_UNTRUSTED;
        }
        if (hostnameMismatch()) {
            return Stage.Failure.CERTIFICATE_HOST;
        }
        return e instanceof SocketTimeoutException ? Stage.Failure.TIMEOUT : Stage.Failure.TLS_FAILED;
    }

    /** A failure of the server's TLS in words. */
    String describe(Stage.Failure failure, String host) {
        return switch (failure) {
            case NOT_TLS -> "The server does not speak TLS on this port: it answered in plain text";
            case CERTIFICATE_UNTRUSTED -> "The server's certificate is not trusted: self-signed, or issued by an"
                    + " authority this service does not know";
            case CERTIFICATE_EXPIRED -> "The server's certificate has expired";
            case CERTIFICATE_HOST -> "The server's certificate is not issued for " + host;
            default -> "TLS handshake failed";
        };
    }

    /** Checks the chain alone first, then with the host name, so that each failure is told apart. */
    private final class Recorder extends X509ExtendedTrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            record(chain, authType);
            try {
                verifier.checkServerTrusted(chain, authType, socket);
                hostnameMatches = true;
            } catch (CertificateException e) {
                hostnameMatches = false;
                throw e;
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            record(chain, authType);
            verifier.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            record(chain, authType);
        }

        private void record(X509Certificate[] chain, String authType) throws CertificateException {
            presented = chain == null || chain.length == 0 ? null : chain[0];
            try {
                verifier.checkServerTrusted(chain, authType);
                trusted = true;
            } catch (CertificateException e) {
                trusted = false;
                throw e;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("This is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("This is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("This is a client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return verifier.getAcceptedIssuers();
        }
    }
}
