package no.xsoffice.mail.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import javax.net.ssl.SSLHandshakeException;

import jakarta.mail.MessagingException;

import org.junit.jupiter.api.Test;

class FailureTextTest {

    @Test
    void shouldSayThatTheServerRefusedTheConnectionWithoutTheMailLibrarysClassNames() {
        MessagingException angus = new MessagingException("Couldn't connect to host, port: 127.0.0.1, 1; timeout 2000",
                new IOException("org.eclipse.angus.mail.util.SocketConnectException: x", new ConnectException("Connection refused")));
        assertThat(FailureText.of(angus)).isEqualTo("The server refused the connection");
    }

    @Test
    void shouldSayThatTlsFailedWithoutTheValidatorsClassName() {
        SSLHandshakeException pkix = new SSLHandshakeException("PKIX path building failed:"
                + " sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path");
        assertThat(FailureText.of(pkix)).startsWith("The TLS handshake failed").doesNotContain("Exception", "sun.");
    }

    @Test
    void shouldSayThatTheServerDidNotAnswerInTime() {
        assertThat(FailureText.of(new SocketTimeoutException("Read timed out"))).isEqualTo("The server did not answer in time");
    }

    @Test
    void shouldKeepTheServiceOwnSentencesAndDropClassNamesFromOthers() {
        assertThat(FailureText.of(new IOException("The server does not offer STARTTLS, which these settings require")))
                .isEqualTo("The server does not offer STARTTLS, which these settings require");
        assertThat(FailureText.of(new MessagingException("jakarta.mail.FolderNotFoundException: Sent not found")))
                .isEqualTo("Sent not found");
        assertThat(FailureText.of(new IllegalStateException())).isEqualTo("The connection to the server failed");
    }
}
