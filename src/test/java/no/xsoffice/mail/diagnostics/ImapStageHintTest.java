package no.xsoffice.mail.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import no.xsoffice.mail.diagnostics.Stage.Failure;
import no.xsoffice.mail.smtp.ImapServer;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

class ImapStageHintTest {

    private static Stage failed(Failure failure, String reply) {
        return Stage.failed(Stage.IMAP, 5, failure, "failed").withReply(reply);
    }

    @Test
    void shouldSayThatPort993WantsSslTls() {
        String hint = ImapStage.hint(failed(Failure.IMAP_UNREACHABLE, "Read timed out"),
                new ImapServer("imap.firma.no", 993, SmtpSecurity.STARTTLS));
        assertThat(hint).startsWith("Port 993 wants SSL_TLS");
    }

    @Test
    void shouldSayThatPort143WantsStartTls() {
        String hint = ImapStage.hint(failed(Failure.IMAP_FAILED, "Unrecognized SSL message"),
                new ImapServer("imap.firma.no", 143, SmtpSecurity.SSL_TLS));
        assertThat(hint).startsWith("Port 143 wants STARTTLS");
    }

    @Test
    void shouldSuggestTurningImapOnWhenTheSignInIsRefused() {
        String hint = ImapStage.hint(failed(Failure.IMAP_SIGN_IN_REFUSED, "[AUTHENTICATIONFAILED] Invalid credentials"),
                new ImapServer("imap.gmail.com", 993, SmtpSecurity.SSL_TLS));
        assertThat(hint).contains("IMAP may be turned off for this account at the provider");
    }

    @Test
    void shouldNameAWrongPortOrImapOffWhenNothingAnswers() {
        String hint = ImapStage.hint(failed(Failure.IMAP_UNREACHABLE, "Connection refused"),
                new ImapServer("imap.firma.no", 994, SmtpSecurity.SSL_TLS));
        assertThat(hint).contains("check the port (993 for SSL_TLS, 143 for STARTTLS)");
    }
}
