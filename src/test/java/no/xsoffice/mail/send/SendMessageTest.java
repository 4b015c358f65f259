package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;

/** Sending through XS Office's relay: composition as the recipients see it, idempotency and the From rules. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class SendMessageTest {

    @InjectGreenMail
    GreenMail greenMail;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String domain = newId("d") + ".example";

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private Map<String, Object> message(String subject) {
        Map<String, Object> body = new HashMap<>();
        body.put("to", List.of("Ola Nordmann <ola@" + domain + ">"));
        body.put("subject", subject);
        body.put("text", "Hei Ola,\n\nher er tilbudet.");
        return body;
    }

    @Test
    void shouldDeliverThroughXsOfficeRelayWhenNoServerIsConfigured() {
        String location = me().body(message("Tilbud")).post("/api/v1/users/me/messages").then().statusCode(202)
                .header("Location", containsString("/api/v1/users/" + user + "/messages/"))
                .body("status", equalTo("QUEUED"))
                .body("transport", equalTo("SYSTEM"))
                .body("messageId", startsWith("<"))
                .extract().header("Location");

        Mailbox.await(greenMail, domain, 1);
        var sent = Mailbox.awaitStatus(me(), location, "SENT");
        assertEquals("SYSTEM", sent.getString("attempts[0].transport"));
        assertEquals(250, sent.getInt("attempts[0].replyCode"));
        me().get("/api/v1/users/me/messages?status=SENT").then().statusCode(200)
                .body("id", hasItem(sent.getString("id")));
    }

    @Test
    void shouldComposeSignatureBccUtf8SubjectAndAttachmentAsRecipientsSeeThem() throws Exception {
        me().body("""
                { "newMessage": { "text": "Kari Nordmann\\nXS Office AS", "html": "<p><b>Kari Nordmann</b></p>" } }""")
                .put("/api/v1/users/me/signatures").then().statusCode(200);
        me().body(json("""
                { "defaultBcc": %s }""", "arkiv@" + domain))
                .put("/api/v1/users/me/mail-preferences").then().statusCode(200);

        Map<String, Object> body = message("Tilbud på løsning – æøå");
        body.put("html", "<p>Hei Ola,</p><p>her er tilbudet.</p>");
        byte[] pdf = "%PDF-1.4 tilbud".getBytes();
        body.put("attachments", List.of(Map.of("filename", "tilbud.pdf", "contentType", "application/pdf",
                "content", Base64.getEncoder().encodeToString(pdf))));
        String messageId = me().body(body).post("/api/v1/users/me/messages").then().statusCode(202)
                .extract().path("messageId");

        List<MimeMessage> copies = Mailbox.await(greenMail, domain, 2);
        for (MimeMessage copy : copies) {
            assertEquals("Tilbud på løsning – æøå", copy.getSubject());
            assertEquals(messageId, copy.getMessageID());
            assertNull(copy.getHeader("Bcc"), "the default BCC must not be visible");
            assertEquals(1, copy.getRecipients(Message.RecipientType.TO).length);
        }
        MimeMessage mail = copies.get(0);
        String text = textOf(mail, "text/plain");
        assertThat(text).contains("her er tilbudet.\n\n-- \nKari Nordmann\nXS Office AS");
        assertThat(textOf(mail, "text/html")).contains("<b>Kari Nordmann</b>");
        Part attachment = partOf(mail, "application/pdf");
        assertEquals("tilbud.pdf", attachment.getFileName());
        assertEquals(new String(pdf), new String(attachment.getInputStream().readAllBytes()));
    }

    @Test
    void shouldThreadRepliesAndUseTheReplySignature() throws Exception {
        me().body("""
                { "newMessage": { "text": "Lang signatur" }, "replyForward": { "text": "Kari" } }""")
                .put("/api/v1/users/me/signatures").then().statusCode(200);
        Map<String, Object> body = message("SV: Tilbud");
        body.put("kind", "REPLY");
        body.put("inReplyTo", "<original@example.com>");
        body.put("references", List.of("<first@example.com>"));
        body.put("text", "Takk!\n\n> Har du et tilbud?");
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(202);

        MimeMessage mail = Mailbox.await(greenMail, domain, 1).get(0);
        assertEquals("<original@example.com>", mail.getHeader("In-Reply-To")[0]);
        assertThat(mail.getHeader("References")[0]).contains("<first@example.com>");
        String text = textOf(mail, "text/plain");
        assertThat(text.indexOf("-- \nKari")).as(text).isLessThan(text.indexOf("> Har du et tilbud?"));
        assertThat(text).doesNotContain("Lang signatur");
    }

    @Test
    void shouldAnswerTheSameMessageForTheSameIdempotencyKeyAndRefuseAnotherBody() {
        String key = newId("key");
        String id = me().header("Idempotency-Key", key).body(message("Én gang")).post("/api/v1/users/me/messages")
                .then().statusCode(202).extract().path("id");
        me().header("Idempotency-Key", key).body(message("Én gang")).post("/api/v1/users/me/messages")
                .then().statusCode(200).body("id", equalTo(id));
        me().header("Idempotency-Key", key).body(message("Noe annet")).post("/api/v1/users/me/messages")
                .then().statusCode(422).contentType("application/problem+json");

        Mailbox.await(greenMail, domain, 1);
        me().get("/api/v1/users/me/messages").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void shouldAcceptOnlyFromAddressesTheUserMaySendAs() {
        Map<String, Object> body = message("Fra hvem?");
        body.put("from", "direktor@firma.no");
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(422)
                .contentType("application/problem+json");

        as(newId("admin"), org, "org-admin").body("""
                { "addresses": ["post@firma.no"] }""")
                .put("/api/v1/organizations/" + org + "/sender-addresses").then().statusCode(200);
        body.put("from", "Firma AS <post@firma.no>");
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(202);
        body.put("from", user + "@firma.no");
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(202);
    }

    @Test
    void shouldRejectHeaderInjectionNamingTheField() {
        Map<String, Object> body = message("Tilbud\r\nBcc: spy@evil.example");
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("subject"));
        body = message("Tilbud");
        body.put("to", List.of("ola@" + domain + "\nBcc: spy@evil.example"));
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400).body("errors.field", hasItem("to[0]"));
    }

    @Test
    void shouldRejectMessageWithoutRecipient() {
        Map<String, Object> body = message("Til ingen");
        body.remove("to");
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400).body("errors.field", hasItem("to"));
    }

    @Test
    void shouldAnswer400NamingToForMoreRecipientsThanAMessageMayHave() {
        Map<String, Object> body = message("Til mange");
        List<String> to = new java.util.ArrayList<>();
        for (int i = 0; i < 101; i++) {
            to.add("r" + i + "@" + domain);
        }
        body.put("to", to);
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:xs-mail:problem:validation"))
                .body("errors.field", contains("to"))
                .body("errors[0].message", containsString("at most 100 recipients"));
    }

    @Test
    void shouldNameTheAttachmentFieldThatIsWrong() {
        Map<String, Object> body = message("Vedlegg");
        body.put("attachments", List.of(
                Map.of("filename", "a.txt", "content", "QQ=="),
                Map.of("filename", "b.txt\r\nContent-Type: text/html", "content", "Qg=="),
                Map.of("filename", "c.txt", "contentType", "pdf", "content", "Qw==")));
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400)
                .body("errors.field", contains("attachments[1].filename", "attachments[2].contentType"))
                .body("errors[0].message", containsString("control characters"))
                .body("errors[1].message", equalTo("must be a MIME type such as application/pdf"));
        body.put("attachments", List.of(Map.of("filename", "a.txt", "content", "QQ==", "size", 1)));
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400)
                .body("errors.field", contains("attachments[0].size"))
                .body("errors[0].message", equalTo("unknown field"));
        body.put("attachments", List.of(Map.of("filename", "a.txt")));
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400)
                .body("errors.field", contains("attachments[0].content"));
    }

    @Test
    void shouldRejectScalarsOfTheWrongTypeNamingTheField() {
        Map<String, Object> body = message("Typer");
        body.put("signature", "false");
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400)
                .body("errors.field", contains("signature"))
                .body("errors[0].message", equalTo("must be true or false"));
        body = message("Typer");
        body.put("subject", 42);
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400)
                .body("errors.field", contains("subject"))
                .body("errors[0].message", equalTo("must be a string"));
        body = message("Typer");
        body.put("to", List.of("ola@" + domain, 7));
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400).body("errors.field", contains("to[1]"));
    }

    @Test
    void shouldNameEveryInvalidFieldInTheOrderOfTheRequest() {
        Map<String, Object> body = message("Hei\nBcc: x@evil.example");
        body.put("to", List.of("nobody"));
        body.remove("text");
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400)
                .body("errors.field", contains("to[0]", "subject", "text"))
                .body("errors[0].message", equalTo("is not a valid e-mail address"))
                .body("errors[2].message", equalTo("text or html is required"));
    }

    @Test
    void shouldNameTheTooManyRecipientsWithTheFieldsWrongOnTheirOwnAtOnce() {
        Map<String, Object> body = message("Hei\nBcc: x@evil.example");
        List<String> to = new java.util.ArrayList<>();
        for (int i = 0; i < 101; i++) {
            to.add("r" + i + "@" + domain);
        }
        body.put("to", to);
        body.put("inReplyTo", "ingen-id");
        me().body(body).post("/api/v1/users/me/messages").then().statusCode(400)
                .body("errors.field", contains("to", "subject", "inReplyTo"))
                .body("errors[0].message", containsString("at most 100 recipients"));
    }

    @Test
    void shouldLetAServiceSendForAUserWithTheirAddress() {
        me().get("/api/v1/users/me/smtp-profile").then().statusCode(200); // the user has been seen
        as(newId("crm"), org, "service").body(message("Fra CRM")).post("/api/v1/users/" + user + "/messages")
                .then().statusCode(202);
        Mailbox.await(greenMail, domain, 1);
    }

    @Test
    void shouldAnswerNotFoundForAnotherUsersMessage() {
        String location = me().body(message("Privat")).post("/api/v1/users/me/messages").then().statusCode(202)
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        as(newId("admin"), newId("org"), "org-admin").get("/api/v1/users/" + user + "/messages/" + id).then()
                .statusCode(404);
        asUser(newId("ola"), org).get("/api/v1/users/me/messages/" + id).then().statusCode(404);
    }

    @Test
    void shouldCountMessagesInMetricsWithoutNamingUsersOrAddresses() {
        double accepted = metric("xsmail_messages_accepted_total{transport=\"SYSTEM\"}");
        double sent = metric("xsmail_messages_sent_total{transport=\"SYSTEM\"}");
        String location = me().body(message("Målt")).post("/api/v1/users/me/messages").then().statusCode(202)
                .extract().header("Location");
        Mailbox.awaitStatus(me(), location, "SENT");

        assertThat(metric("xsmail_messages_accepted_total{transport=\"SYSTEM\"}")).isGreaterThan(accepted);
        assertThat(metric("xsmail_messages_sent_total{transport=\"SYSTEM\"}")).isGreaterThan(sent);
        String metrics = metrics();
        assertThat(metrics).contains("xsmail_delivery_latency_seconds_bucket");
        assertThat(metrics).contains("xsmail_outbox_queued");
        assertThat(metrics).contains("xsmail_mail_clients");
        assertThat(metrics).doesNotContain(user, domain, org);
    }

    private static String metrics() {
        return RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series at /q/metrics. */
    private static double metric(String series) {
        return metrics().lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(series.length() + 1).trim())).findFirst().orElseThrow(() -> new AssertionError(series));
    }

    @Test
    void shouldAnswerWithTheCallersRequestId() {
        me().header("X-Request-Id", "crm-1234").get("/api/v1/users/me/messages").then().statusCode(200)
                .header("X-Request-Id", "crm-1234");
        me().get("/api/v1/users/me/messages").then().header("X-Request-Id", notNullValue());
    }

    static String textOf(Part part, String type) throws Exception {
        Part found = partOf(part, type);
        return found == null ? null : ((String) found.getContent()).replace("\r\n", "\n");
    }

    static Part partOf(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Part found = partOf(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
