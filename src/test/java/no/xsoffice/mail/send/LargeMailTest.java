package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static no.xsoffice.mail.Api.token;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;

/** Mail of the size users send: one big attachment up to the limit, the limit itself, and many big sends at once. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class LargeMailTest {

    private static final int MB = 1024 * 1024;

    @InjectGreenMail
    GreenMail greenMail;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String domain = newId("d") + ".example";

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private static String message(String to, String filename, byte[] file) {
        return "{\"to\":[\"" + to + "\"],\"subject\":\"Stort vedlegg\",\"text\":\"Hei\\n.punktum først\\n..to\","
                + "\"attachments\":[{\"filename\":\"" + filename + "\",\"contentType\":\"application/pdf\",\"content\":\""
                + Base64.getEncoder().encodeToString(file) + "\"}]}";
    }

    @Test
    void shouldAcceptAndDeliverOneAttachmentOf20Megabytes() throws Exception {
        byte[] file = new byte[20_000_000];
        new Random(7).nextBytes(file);

        String location = me().body(message("ola@" + domain, "stor.pdf", file)).post("/api/v1/users/me/messages")
                .then().statusCode(202).extract().header("Location");

        Mailbox.awaitStatus(me(), location, "SENT");
        MimeMessage received = Mailbox.await(greenMail, domain, 1).get(0);
        Multipart parts = (Multipart) received.getContent();
        try (InputStream attachment = parts.getBodyPart(1).getInputStream()) {
            assertArrayEquals(sha256(file), sha256(attachment.readAllBytes()));
        }
        String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        assertEquals("Hei\n.punktum først\n..to", text.strip(), "lines that start with a dot arrive unchanged");
    }

    @Test
    void shouldAnswer413NamingTheLimitWhenOneAttachmentIsLargerThan25Megabytes() {
        me().body(message("ola@" + domain, "for-stor.pdf", new byte[25 * MB + 1])).post("/api/v1/users/me/messages")
                .then().statusCode(413)
                .body("type", equalTo("urn:xs-mail:problem:too-large"))
                .body("detail", containsString("at most 26214400 bytes"));
    }

    @Test
    void shouldNameTheAttachmentWhoseContentIsNotBase64() {
        me().body("{\"to\":[\"ola@" + domain + "\"],\"text\":\"Hei\",\"attachments\":[{\"filename\":\"a.pdf\","
                + "\"content\":\"not base64!\"}]}").post("/api/v1/users/me/messages")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("attachments[0].content"))
                .body("errors[0].message", equalTo("must be base64"));
    }

    /**
     * Two requests still arriving hold most of the room for messages being accepted (their declared length), so a
     * third large one is told to come back; once one of them is gone, it is accepted.
     */
    @Test
    void shouldAnswer503WithRetryAfterWhileLargeRequestsFillTheRoomForAcceptingMail() throws Exception {
        byte[] file = new byte[10 * MB];
        String body = message("ola@" + domain, "ti.pdf", file);
        try (Socket first = arriving(41_000_000); Socket second = arriving(41_000_000)) {
            me().body(body).post("/api/v1/users/me/messages")
                    .then().statusCode(503)
                    .header("Retry-After", "5")
                    .body("type", equalTo("urn:xs-mail:problem:busy"));
            first.close();
            Mailbox.waiting().until(() -> me().body(body).post("/api/v1/users/me/messages").statusCode() == 202);
        }
        Mailbox.await(greenMail, domain, 1);
    }

    /** A send request that has declared its length and sent its headers, and is still sending its body. */
    private Socket arriving(long contentLength) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/users/me/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + token(user, org, "user") + "\r\nContent-Length: " + contentLength
                + "\r\n\r\n{\"to\":[\"ola@" + domain + "\"],\"attachments\":[{\"content\":\"")
                .getBytes(StandardCharsets.US_ASCII));
        out.write("QUFB".repeat(1024).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(300); // its headers are read and its room reserved before the next request comes
        return socket;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
