package no.xsoffice.mail.bounce;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.DnsServerResource;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;
import no.xsoffice.mail.send.Mailbox;
import no.xsoffice.mail.webhook.Receiver;

/** Returned relay mail (a Postfix and an Exchange notification) marks the right recipient BOUNCED, with an event. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DnsServerResource.class, scope = TestResourceScope.GLOBAL)
class BounceTest {

    private static final String BOUNCES = "/api/v1/inbound/bounces";

    @InjectGreenMail
    GreenMail greenMail;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String domain = newId("r") + ".example";

    private RequestSpecification kari() {
        return as(user, org, "user");
    }

    private RequestSpecification relay() {
        return as("mta", org, "service");
    }

    private record Sent(String location, String verp, String messageId) {
    }

    private Sent send(List<String> to) throws Exception {
        String location = kari().body(json("""
                { "to": %s, "subject": "Tilbud", "text": "Hei" }""", to))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
        Awaitility.await().atMost(Duration.ofSeconds(20)).dontCatchUncaughtExceptions()
                .until(() -> greenMail.getReceivedMessagesForDomain(domain).length >= to.size());
        MimeMessage received = greenMail.getReceivedMessagesForDomain(domain)[0];
        String verp = received.getHeader("Return-Path")[0].replaceAll("[<>]", "").trim();
        return new Sent(location, verp, received.getMessageID());
    }

    private static byte[] dsn(String resource, String verp, String recipient, String messageId) throws Exception {
        try (InputStream in = BounceTest.class.getResourceAsStream("/dsn/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replace("${VERP}", verp)
                    .replace("${RCPT}", recipient).replace("${MESSAGE_ID}", messageId).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static JsonPath recipient(JsonPath view, String address) {
        List<Map<String, Object>> recipients = view.getList("recipients");
        return JsonPath.from(new ObjectMapper().valueToTree(recipients.stream()
                .filter(r -> address.equals(r.get("address"))).findFirst().orElseThrow()).toString());
    }

    @Test
    void shouldMarkTheRecipientEachNotificationNamesAndSendMessageBounced() throws Exception {
        try (Receiver receiver = new Receiver(0)) {
            JsonPath hook = as(newId("admin"), org, "org-admin").body(json("""
                    { "url": %s, "events": ["message.bounced"] }""", receiver.url()))
                    .post("/api/v1/organizations/" + org + "/webhooks").then().statusCode(201)
                    .extract().jsonPath();
            receiver.secret(hook.getString("secret"));
            String ola = "ola@" + domain;
            String per = "per@" + domain;
            Sent sent = send(List.of(ola, per));
            assertThat(sent.verp()).matches("b-[0-9a-f]{32}@bounces\\.xs-office\\.no");
            Mailbox.awaitStatus(kari(), sent.location(), "SENT");

            relay().contentType("message/rfc822").body(dsn("postfix-user-unknown.eml", sent.verp(), ola, sent.messageId()))
                    .post(BOUNCES).then().statusCode(200).body("bounced[0].address", equalTo(ola));
            JsonPath view = kari().get(sent.location()).then().statusCode(200).extract().jsonPath();
            assertEquals("BOUNCED", recipient(view, ola).getString("status"));
            assertThat(recipient(view, ola).getString("reply")).as(view.prettify()).startsWith("5.1.1 550 5.1.1");
            assertEquals("ACCEPTED", recipient(view, per).getString("status"));
            assertEquals("SENT", view.getString("status"));

            relay().contentType("message/rfc822").body(dsn("exchange-mailbox-full.eml", sent.verp(), per, sent.messageId()))
                    .post(BOUNCES).then().statusCode(200).body("bounced[0].address", equalTo(per));
            view = kari().get(sent.location()).then().statusCode(200).extract().jsonPath();
            assertEquals("BOUNCED", recipient(view, per).getString("status"));
            assertThat(recipient(view, per).getString("reply")).as(view.prettify())
                    .contains("5.2.2 554 5.2.2 mailbox full");

            Awaitility.await().atMost(Duration.ofSeconds(20)).dontCatchUncaughtExceptions()
                    .until(() -> receiver.calls().size() >= 2);
            assertThat(receiver.calls()).allMatch(Receiver.Call::verified);
            assertEquals("message.bounced", JsonPath.from(receiver.calls().get(0).body()).getString("type"));
        }
    }

    @Test
    void shouldFindTheMessageByTheReturnedMessageIdWithoutVerp() throws Exception {
        String ola = "ola@" + domain;
        Sent sent = send(List.of(ola));
        Mailbox.awaitStatus(kari(), sent.location(), "SENT");
        relay().contentType("message/rfc822")
                .body(dsn("exchange-mailbox-full.eml", "bounce@mail.xs-office.no", ola, sent.messageId()))
                .post(BOUNCES).then().statusCode(200).body("bounced[0].address", equalTo(ola));
    }

    @Test
    void shouldAnswer422ToMailThatIsNoNotificationOrMatchesNoMessage() throws Exception {
        relay().contentType("message/rfc822").body("From: a@b.example\r\nSubject: hei\r\n\r\nHei\r\n".getBytes(StandardCharsets.US_ASCII))
                .post(BOUNCES).then().statusCode(422).body("type", equalTo("urn:xs-mail:problem:not-a-dsn"));
        relay().contentType("message/rfc822")
                .body(dsn("postfix-user-unknown.eml", "b-0123456789abcdef0123456789abcdef@bounces.xs-office.no",
                        "ola@" + domain, "<nobody@example>"))
                .post(BOUNCES).then().statusCode(422).body("type", equalTo("urn:xs-mail:problem:unknown-message"));
        kari().contentType("message/rfc822").body(new byte[] { 'x' }).post(BOUNCES).then().statusCode(403);
    }
}
