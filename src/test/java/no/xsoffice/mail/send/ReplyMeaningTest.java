package no.xsoffice.mail.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyMeaningTest {

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource(delimiter = '|', value = {
            "250 2.0.0 OK queued as 4F2A1C | ACCEPTED",
            "451 4.7.1 Greylisted, try again later | RETRY",
            "550 5.1.1 User unknown | REFUSED",
            "550-5.4.5 Daily user sending limit exceeded. 550 5.4.5 https://support.google.com/a/answer/166852 | QUOTA",
            "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message | QUOTA",
            "550 5.7.233 Mailbox sending limit | QUOTA",
            "421 4.7.0 Try again later, closing connection. | RATE",
            "450 4.2.1 The user you are trying to contact is receiving mail too quickly | RATE",
            "452 4.5.3 Your message has too many recipients | RATE",
            "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded | CONNECTIONS",
            "535 5.7.8 Username and Password not accepted | CREDENTIALS",
            "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant | CREDENTIALS",
            "550 5.7.30 Basic authentication is not supported for Client Submission | CREDENTIALS",
            "554 5.7.60 Client does not have permissions to send as this sender | CREDENTIALS",
            "554 5.7.1 Message rejected as spam | REFUSED" })
    void shouldTellWhatAReplyMeans(String reply, ReplyMeaning meaning) {
        assertEquals(meaning, ReplyMeaning.of(Integer.parseInt(reply.substring(0, 3)), reply));
    }
}
