package no.xsoffice.mail.diagnostics;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(hint.startsWith("Port 993 wants SSL_TLS"), hint);
    }

    @Test
    void shouldSayThatPort143WantsStartTls() {
        String hint = ImapStage.hint(failed(Failure.IMAP_FAILED, "Unrecognized SSL message"),
                new ImapServer("imap.firma.no", 143, SmtpSecurity.SSL_TLS));
        assertTrue(hint.startsWith("Port 143 wants STARTTLS"), hint);
    }

    @Test
    void shouldSuggestTurningImapOnWhenTheSignInIsRefused() {
        String hint = ImapStage.hint(failed(Failure.IMAP_SIGN_IN_REFUSED, "[AUTHENTICATIONFAILED] Invalid credentials"),
                new ImapServer("imap.gmail.com", 993, SmtpSecurity.SSL_TLS));
        assertTrue(hint.contains("IMAP may be turned off for this account at the provider"), hint);
    }

    @Test
    void shouldNameAWrongPortOrImapOffWhenNothingAnswers() {
        String hint = ImapStage.hint(failed(Failure.IMAP_UNREACHABLE, "Connection refused"),
                new ImapServer("imap.firma.no", 994, SmtpSecurity.SSL_TLS));
        assertTrue(hint.contains("check the port (993 for SSL_TLS, 143 for STARTTLS)"), hint);
    }
}
