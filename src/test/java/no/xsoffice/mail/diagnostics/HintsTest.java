package no.xsoffice.mail.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import no.xsoffice.mail.diagnostics.SmtpProbe.Target;
import no.xsoffice.mail.diagnostics.Stage.Failure;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

class HintsTest {

    private static Target target(String host, int port, SmtpSecurity security) {
        return new Target(host, port, security, true, "kari@firma.no", "hemmelig", "kari@firma.no", null);
    }

    private static String hintFor(Target target, Stage failed) {
        return Hints.hint(List.of(Stage.passed(Stage.DNS, 1, "ok"), failed), target);
    }

    private static Stage failed(String stage, Failure failure) {
        return Stage.failed(stage, 5, failure, "failed");
    }

    private static Stage refused(String stage, String reply) {
        return Stage.failed(stage, 5, Failure.REPLY, "refused").withReply(reply);
    }

    @Test
    void shouldGiveNoHintWhenEveryStagePassed() {
        assertNull(Hints.hint(List.of(Stage.passed(Stage.DNS, 1, "ok")), target("smtp.firma.no", 587,
                SmtpSecurity.STARTTLS)));
    }

    @Test
    void shouldAskForEncryptionWhenAPlainTextServerWithASignInResolvesToAPublicAddress() {
        String hint = hintFor(target("smtp.firma.no", 25, SmtpSecurity.NONE), failed(Stage.DNS, Failure.ADDRESS_REFUSED));
        assertThat(hint).contains("never sent unencrypted").contains("choose STARTTLS or SSL_TLS");
    }

    @Test
    void shouldSayPort465WantsSslTlsWhenTheServerSendsNoGreeting() {
        String hint = hintFor(target("smtp.firma.no", 465, SmtpSecurity.STARTTLS), failed(Stage.CONNECT, Failure.NO_GREETING));
        assertThat(hint).contains("465 wants SSL_TLS");
    }

    @Test
    void shouldSayPort587WantsStartTlsWhenSslTlsMeetsPlainText() {
        String hint = hintFor(target("smtp.firma.no", 587, SmtpSecurity.SSL_TLS), failed(Stage.TLS, Failure.NOT_TLS));
        assertThat(hint).contains("587 wants STARTTLS");
    }

    @Test
    void shouldSuggestStartTlsWhenSslTlsMeetsPlainTextOnAnotherPort() {
        String hint = hintFor(target("smtp.firma.no", 10025, SmtpSecurity.SSL_TLS), failed(Stage.TLS, Failure.NOT_TLS));
        assertThat(hint).contains("choose STARTTLS");
    }

    @Test
    void shouldNameThePortWhenTheConnectionIsRefused() {
        String hint = hintFor(target("smtp.firma.no", 2525, SmtpSecurity.STARTTLS),
                failed(Stage.CONNECT, Failure.CONNECTION_REFUSED));
        assertThat(hint).contains("smtp.firma.no:2525", "check the port");
    }

    @Test
    void shouldMentionFirewallsWhenTheConnectionTimesOut() {
        String hint = hintFor(target("smtp.firma.no", 25, SmtpSecurity.STARTTLS), failed(Stage.CONNECT, Failure.CONNECT_TIMEOUT));
        assertThat(hint).contains("firewall");
    }

    @Test
    void shouldPointAtMissingStartTls() {
        String hint = hintFor(target("smtp.firma.no", 25, SmtpSecurity.STARTTLS), failed(Stage.TLS, Failure.NO_STARTTLS));
        assertThat(hint).contains("does not offer STARTTLS");
    }

    @Test
    void shouldExplainAnUntrustedCertificate() {
        String hint = hintFor(target("smtp.firma.no", 465, SmtpSecurity.SSL_TLS),
                failed(Stage.TLS, Failure.CERTIFICATE_UNTRUSTED));
        assertThat(hint).contains("not trusted", "MAIL_TRANSPORT_TRUST_CERTS");
    }

    @Test
    void shouldExplainACertificateForAnotherHost() {
        Stage stage = failed(Stage.TLS, Failure.CERTIFICATE_HOST)
                .withCertificate(new Stage.Certificate("CN=localhost", "CN=localhost", Instant.now(), false, true));
        String hint = hintFor(target("127.0.0.1", 465, SmtpSecurity.SSL_TLS), stage);
        assertThat(hint).contains("CN=localhost", "not an IP address");
    }

    @Test
    void shouldExplainAnExpiredCertificate() {
        String hint = hintFor(target("smtp.firma.no", 465, SmtpSecurity.SSL_TLS),
                failed(Stage.TLS, Failure.CERTIFICATE_EXPIRED));
        assertThat(hint).contains("expired");
    }

    @Test
    void shouldAskForAnAppPasswordWhenGmailRefusesTheSignIn() {
        String hint = hintFor(target("smtp.gmail.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.AUTH, "535 5.7.8 Username and Password not accepted."));
        assertThat(hint).contains("app password");
    }

    @Test
    void shouldMentionSmtpAuthWhenMicrosoftRefusesTheSignIn() {
        String hint = hintFor(target("smtp.office365.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.AUTH, "535 5.7.3 Authentication unsuccessful"));
        assertThat(hint).contains("SMTP AUTH", "OAuth");
    }

    @Test
    void shouldCheckUsernameAndPasswordWhenAnotherServerRefusesTheSignIn() {
        String hint = hintFor(target("smtp.domeneshop.no", 587, SmtpSecurity.STARTTLS),
                refused(Stage.AUTH, "535 Authentication failed"));
        assertThat(hint).contains("username or password");
    }

    @Test
    void shouldExplainThatMicrosoftTurnedOffBasicAuthentication() {
        String hint = hintFor(target("smtp.office365.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.AUTH, "550 5.7.30 Basic authentication is not supported for Client Submission."));
        assertThat(hint).contains("Basic authentication", "OAuth", "SMTP AUTH for the tenant");
    }

    @Test
    void shouldExplainThatTheAccountMayNotSendAsTheFromAddress() {
        Target target = new Target("smtp.office365.com", 587, SmtpSecurity.STARTTLS, true, "kari@firma.no", "x",
                "faktura@firma.no", null);
        String hint = hintFor(target, refused(Stage.DATA, "550 5.7.60 SMTP; Client does not have permissions to send"
                + " as this sender"));
        assertThat(hint).contains("may not send as faktura@firma.no", "Send As");
    }

    @Test
    void shouldSayGmailsDailyLimitIsReachedAndNotBlameTheFromAddress() {
        String hint = hintFor(target("smtp.gmail.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.MAIL_FROM, "550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\r\n"
                        + "550 5.4.5 sending limits go to https://support.google.com/a/answer/166852 - gsmtp"));
        assertThat(hint).contains("daily sending limit", "24 hours");
        assertThat(hint).doesNotContain("refused the From address");
    }

    @Test
    void shouldSayGmailsDailyLimitIsReachedWhenTheRefusalComesAfterData() {
        String hint = hintFor(target("smtp.gmail.com", 465, SmtpSecurity.SSL_TLS),
                refused(Stage.DATA, "550 5.4.5 Daily user sending quota exceeded. - gsmtp"));
        assertThat(hint).contains("550 5.4.5", "24 hours");
    }

    @Test
    void shouldCallA421WithStatus470ATemporaryLimit() {
        String hint = hintFor(target("smtp.gmail.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.MAIL_FROM, "421 4.7.0 Try again later, closing connection. - gsmtp"));
        assertThat(hint).contains("for now", "421 4.7.0", "try again");
    }

    @Test
    void shouldCallA450WithStatus421ATemporaryRateLimit() {
        String hint = hintFor(target("smtp.gmail.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.RCPT_TO, "450 4.2.1 The user you are trying to contact is receiving mail too quickly."));
        assertThat(hint).contains("450 4.2.1", "Try again later");
    }

    @Test
    void shouldAskForFewerRecipientsOnA452WithStatus453() {
        String hint = hintFor(target("smtp.gmail.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.RCPT_TO, "452 4.5.3 Your message has too many recipients. - gsmtp"));
        assertThat(hint).contains("452 4.5.3", "fewer recipients");
    }

    @Test
    void shouldExplainMicrosoftsLimitOfThreeConnectionsPerMailbox() {
        String hint = hintFor(target("smtp.office365.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.CONNECT, "432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending"));
        assertThat(hint).contains("3 connections at once", "fewer devices");
    }

    @Test
    void shouldExplainMicrosoftsSubmissionQuota() {
        String hint = hintFor(target("smtp.office365.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.DATA, "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException;"
                        + " Failed to process message due to a permanent exception"));
        assertThat(hint).contains("sending quota", "10,000 recipients", "24 hours");
    }

    @Test
    void shouldExplainMicrosoftsQuotaReply5733AsAQuotaToo() {
        String hint = hintFor(target("smtp.office365.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.RCPT_TO, "550 5.7.233 Your message can't be sent because you've reached a sending limit"));
        assertThat(hint).contains("550 5.7.233", "sending quota");
    }

    @Test
    void shouldNameSecurityDefaultsAndConditionalAccessWhenMicrosoftDisablesSmtpAuth() {
        String hint = hintFor(target("smtp.office365.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.AUTH, "535 5.7.139 Authentication unsuccessful, user is locked by your organization's"
                        + " security defaults policy."));
        assertThat(hint).contains("Authenticated SMTP", "security defaults", "Conditional Access", "OAuth");
    }

    @Test
    void shouldAskForSignInWhenMicrosoftSaysTheClientIsNotAuthenticated() {
        String hint = hintFor(target("smtp.office365.com", 587, SmtpSecurity.STARTTLS),
                refused(Stage.MAIL_FROM, "530 5.7.57 Client not authenticated to send mail. [AM0PR01CA0001]"));
        assertThat(hint).contains("5.7.57", "turn authentication on", "587");
    }

    @Test
    void shouldNotMistakeALongerStatusCodeForAKnownOne() {
        String hint = hintFor(target("smtp.firma.no", 587, SmtpSecurity.STARTTLS),
                refused(Stage.AUTH, "535 5.7.300 Something else"));
        assertThat(hint).doesNotContain("Basic authentication");
    }

    @Test
    void shouldWarnWhenTheFromDomainDiffersFromTheAccounts() {
        Target target = new Target("smtp.firma.no", 587, SmtpSecurity.STARTTLS, true, "kari@firma.no", "x",
                "kari@annet.no", null);
        List<String> warnings = Hints.warnings(target);
        assertEquals(1, warnings.size(), warnings.toString());
        assertThat(warnings.get(0)).as(warnings.toString()).contains("annet.no", "firma.no");
    }

    @Test
    void shouldNotWarnWhenTheFromDomainIsTheAccounts() {
        assertEquals(List.of(), Hints.warnings(target("smtp.firma.no", 587, SmtpSecurity.STARTTLS)));
    }

    @Test
    void shouldWarnOfPortAndSecurityThatDoNotFit() {
        assertThat(Hints.warnings(target("smtp.firma.no", 465, SmtpSecurity.STARTTLS)).get(0)).contains("465");
        assertThat(Hints.warnings(target("smtp.firma.no", 587, SmtpSecurity.SSL_TLS)).get(0)).contains("587");
    }

    @Test
    void shouldWarnThatMicrosoftIsRetiringPasswordSignIn() {
        assertThat(Hints.warnings(target("smtp.office365.com", 587, SmtpSecurity.STARTTLS)))
                .anyMatch(w -> w.contains("retiring Basic authentication"));
    }

    @Test
    void shouldAskForEncryptionWhenTheServerWantsStartTlsFirst() {
        String hint = hintFor(target("smtp.firma.no", 25, SmtpSecurity.NONE),
                refused(Stage.MAIL_FROM, "530 5.7.0 Must issue a STARTTLS command first"));
        assertThat(hint).contains("choose STARTTLS");
    }

    @Test
    void shouldAskForSignInWhenTheServerWillNotRelay() {
        Target target = new Target("smtp.firma.no", 25, SmtpSecurity.STARTTLS, false, null, null, "kari@firma.no", null);
        String hint = hintFor(target, refused(Stage.RCPT_TO, "554 5.7.1 Relay access denied"));
        assertThat(hint).contains("turn authentication on");
    }

    @Test
    void shouldNameAHostThatDoesNotResolve() {
        String hint = hintFor(target("smtp.firma.invalid", 587, SmtpSecurity.STARTTLS),
                failed(Stage.DNS, Failure.DNS_UNRESOLVED));
        assertThat(hint).contains("smtp.firma.invalid does not resolve");
    }

    @Test
    void shouldGuessTheProviderFromTheHost() {
        assertEquals(Hints.Provider.GOOGLE, Hints.provider("smtp.gmail.com"));
        assertEquals(Hints.Provider.MICROSOFT, Hints.provider("smtp-mail.outlook.com"));
        assertEquals(Hints.Provider.MICROSOFT, Hints.provider("smtp.office365.com"));
        assertEquals(Hints.Provider.OTHER, Hints.provider("smtp.domeneshop.no"));
    }

    @Test
    void shouldWriteTheTestMessageWithCrlfLineEndingsForTheSessionToDotStuff() {
        String data = new String(TestMessage.data("kari@firma.no", "ola@firma.no", "smtp.firma.no",
                ZonedDateTime.now()), StandardCharsets.US_ASCII);
        assertThat(data).contains("\r\nMessage-ID: <").startsWith("Date: ").endsWith("the SMTP settings work.\r\n");
        assertThat(data.replace("\r\n", "")).as("bare LF in " + data).doesNotContain("\n");
    }
}
