package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.ScriptedSmtpServer;

/**
 * Delivery recipient by recipient, against a server that answers as real ones do: greylisting, a provider's daily
 * limit, one recipient refused for good, multi-line replies with a queue id.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class RecipientDeliveryTest {

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String domain = newId("d") + ".example";
    private ScriptedSmtpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new ScriptedSmtpServer();
        server.serve(me());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private String send(String... to) {
        return me().body(json("""
                { "to": %s, "subject": "Tilbud", "text": "Hei" }""", List.of(to)))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
    }

    /** Answers 451 the first time it sees each of these recipients, as a greylisting server does. */
    private void greylist(String... addresses) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Set<String> grey = Set.of(addresses);
        server.rcptReply = line -> grey.stream().anyMatch(line::contains) && seen.add(line)
                ? "451 4.7.1 <" + line.substring(line.indexOf('<') + 1, line.indexOf('>')) + ">: Recipient address"
                        + " rejected: Greylisted, see https://postgrey.schweikert.ch/help/firma.no.html"
                : "250 2.1.5 Ok";
    }

    @Test
    void shouldDeliverAGreylistedRecipientOnRetryWithoutASecondCopyToTheOthers() {
        String ola = "ola@" + domain;
        String per = "per@" + domain;
        greylist(per);

        JsonPath sent = Mailbox.awaitStatus(me(), send(ola, per), "SENT");

        assertEquals(List.of(List.of(ola), List.of(per)), server.envelopes);
        assertEquals(List.of("ACCEPTED", "ACCEPTED"), sent.getList("recipients.status"));
        assertEquals(2, sent.getList("attempts").size());
        assertEquals("RETRYING", sent.getString("attempts[0].outcome"));
        assertEquals(List.of(per), sent.getList("attempts[0].rejectedRecipients"));
    }

    @Test
    void shouldRetryTheOnlyRecipientWhileItIsGreylisted() {
        greylist("ola@");

        String location = send("ola@" + domain);
        JsonPath waiting = Mailbox.awaitStatus(me(), location, "RETRYING");
        assertEquals("RETRYING", waiting.getString("recipients[0].status"));
        assertThat(waiting.getString("recipients[0].reply")).as(waiting.prettify()).startsWith("451 4.7.1");
        assertEquals("RETRY", waiting.getString("deferredReason"));

        Mailbox.awaitStatus(me(), location, "SENT");
        assertEquals(1, server.messages.size());
    }

    @Test
    void shouldRefuseOneRecipientForGoodAndDeliverToTheOthers() {
        server.rcptReply = line -> line.contains("nobody@")
                ? "550 5.1.1 <nobody@" + domain + ">: Recipient address rejected: User unknown in virtual mailbox table"
                : "250 2.1.5 Ok";

        JsonPath sent = Mailbox.awaitStatus(me(), send("ola@" + domain, "nobody@" + domain), "SENT");

        assertEquals("ACCEPTED", sent.getString("recipients[0].status"));
        assertEquals("REFUSED", sent.getString("recipients[1].status"));
        assertThat(sent.getString("recipients[1].reply")).as(sent.prettify()).contains("User unknown");
        assertEquals("Refused by the server for 1 recipient(s)", sent.getString("lastError"));
    }

    @Test
    void shouldKeepTheServersWholeReplyWithItsQueueId() {
        server.dataReply = "250-2.0.0 OK 1764590000 a1si123456ejb.42 - gsmtp\r\n250 2.0.0 queued as 9B3E41C0";

        JsonPath sent = Mailbox.awaitStatus(me(), send("ola@" + domain), "SENT");

        String reply = "250 2.0.0 OK 1764590000 a1si123456ejb.42 - gsmtp 2.0.0 queued as 9B3E41C0";
        assertEquals(reply, sent.getString("attempts[0].reply"));
        assertEquals(reply, sent.getString("recipients[0].reply"));
    }

    @Test
    void shouldWaitOutAGmailDailyLimitInsteadOfFailing() {
        server.rcptReply = line -> "550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\r\n"
                + "550-5.4.5 sending limits go to\r\n550 5.4.5  https://support.google.com/a/answer/166852 - gsmtp";

        String location = send("ola@" + domain);
        JsonPath waiting = Mailbox.awaitStatus(me(), location, "RETRYING");
        assertEquals("QUOTA", waiting.getString("deferredReason"));
        assertThat(waiting.getString("recipients[0].reply")).as("every line of the reply is kept: " + waiting.prettify())
                .contains("https://support.google.com/a/answer/166852");

        server.rcptReply = line -> "250 2.1.5 Ok";
        Mailbox.awaitStatus(me(), location, "SENT");
    }

    @Test
    void shouldWaitWhenMicrosoftHasTooManyConnections() {
        server.mailFromReply = "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded";

        JsonPath waiting = Mailbox.awaitStatus(me(), send("ola@" + domain), "RETRYING");

        assertEquals("CONNECTIONS", waiting.getString("deferredReason"));
        assertEquals("PENDING", waiting.getString("recipients[0].status"));
    }

    @Test
    void shouldGreetWithARealNameAndDeclareTheExactSize() {
        server.ehloReply = "250-scripted\r\n250-SIZE 35882577\r\n250 8BITMIME";

        Mailbox.awaitStatus(me(), send("ola@" + domain), "SENT");

        String greeting = server.greetings.get(0);
        assertNotEquals("EHLO localhost", greeting);
        assertThat(greeting.substring(5)).isNotBlank();
        String mailFrom = server.mailFroms.get(0);
        long declared = Long.parseLong(mailFrom.substring(mailFrom.indexOf("SIZE=") + 5).trim());
        assertEquals(server.messages.get(0).getBytes(StandardCharsets.UTF_8).length, declared);
        me().get("/api/v1/users/me/messages?status=SENT").then().body("[0].sizeBytes", equalTo((int) declared));
    }

    @Test
    void shouldCarryTheRefusalOfTheSenderAtRcptOnTheAttempt() {
        String refusal = "553 5.7.1 <kari@firma.no>: Sender address rejected: not owned by user kari";
        server.rcptReply = line -> refusal;

        JsonPath failed = Mailbox.awaitStatus(me(), send("ola@" + domain), "FAILED");

        assertEquals(553, failed.getInt("attempts[0].replyCode"));
        assertThat(failed.getString("attempts[0].reply")).isEqualTo("RCPT TO: " + refusal);
        assertEquals(refusal, failed.getString("recipients[0].reply"));
    }

    @Test
    void shouldCarryTheGreylistingOnTheAttemptWhenEveryRecipientWaits() {
        greylist("ola@", "per@");

        JsonPath sent = Mailbox.awaitStatus(me(), send("ola@" + domain, "per@" + domain), "SENT");

        assertEquals(451, sent.getInt("attempts[0].replyCode"));
        assertThat(sent.getString("attempts[0].reply")).startsWith("RCPT TO: 451 4.7.1").contains("Greylisted");
        assertEquals(250, sent.getInt("attempts[1].replyCode"));
    }

    @Test
    void shouldLeaveTheRefusalOfAMessageOverTheServersSizeToTheServer() {
        server.ehloReply = "250-scripted\r\n250-SIZE 100\r\n250 8BITMIME";
        server.mailFromReply = "552 5.3.4 Message size exceeds fixed limit";

        JsonPath failed = Mailbox.awaitStatus(me(), send("ola@" + domain), "FAILED");

        assertThat(server.mailFroms).singleElement().asString().contains("SIZE=");
        assertEquals(552, failed.getInt("attempts[0].replyCode"));
        assertEquals("MAIL FROM: 552 5.3.4 Message size exceeds fixed limit", failed.getString("attempts[0].reply"));
    }
}
