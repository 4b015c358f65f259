package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;

/** Bodies of the outbox: stored apart from the bookkeeping, and those of an earlier version still delivered. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class OutboxBodiesTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    DataSource dataSource;

    @Inject
    OutboxBodies bodies;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String domain = newId("d") + ".example";

    @Test
    void shouldStoreTheBodyApartAsTheBytesThatAreSent() throws Exception {
        String location = asUser(user, org).body("{\"to\":[\"ola@" + domain + "\"],\"text\":\"Hei\"}")
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        Mailbox.awaitStatus(asUser(user, org), location, "SENT");
        byte[] stored = bodies.read(id);
        MimeMessage received = Mailbox.await(greenMail, domain, 1).get(0);
        assertEquals(received.getMessageID(), Mailbox.parse(new String(stored)).getMessageID());
        assertEquals((long) stored.length, value("select size_bytes from outbox_message where id = ?", id));
    }

    @Test
    void shouldConvertAndDeliverAMessageAnEarlierVersionStoredAsJson() throws Exception {
        UUID id = UUID.randomUUID();
        byte[] pdf = { '%', 'P', 'D', 'F', 0, (byte) 0xff };
        MailMessage earlier = new MailMessage().setFrom("kari@firma.no").setTo(List.of("ola@" + domain))
                .setSubject("Tilbud").setText("Hei\n")
                .setAttachment(List.of(MailAttachment.create().setContentType("application/pdf; name=tilbud.pdf")
                        .setDisposition("attachment; filename=tilbud.pdf").setData(Buffer.buffer(pdf))));
        earlier.setHeaders(MultiMap.caseInsensitiveMultiMap().set("Message-ID", "<" + id + "@mail.xsoffice.no>"));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into outbox_message (id, org_id, user_id, request_hash, message_id, from_address, recipients,
                               subject, mail, size_bytes, status, attempts, next_attempt_at, created_at, updated_at)
                        values (?, ?, ?, '-', ?, 'kari@firma.no', ?, 'Tilbud', ?, 100, 'QUEUED', 0,
                               now() + interval '1 hour', now(), now())""")) {
            insert.setObject(1, id);
            insert.setString(2, org);
            insert.setString(3, user);
            insert.setString(4, "<" + id + "@mail.xsoffice.no>");
            insert.setArray(5, connection.createArrayOf("text", new Object[] { "ola@" + domain }));
            insert.setString(6, earlier.toJson().encode());
            insert.executeUpdate();
        }

        bodies.convertEarlier(null);
        assertNull(value("select mail from outbox_message where id = ?", id));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement due = connection.prepareStatement("update outbox_message set next_attempt_at = now() where id = ?")) {
            due.setObject(1, id);
            due.executeUpdate();
        }

        MimeMessage received = Mailbox.await(greenMail, domain, 1).get(0);
        assertEquals("<" + id + "@mail.xsoffice.no>", received.getMessageID());
        try (InputStream attachment = ((Multipart) received.getContent()).getBodyPart(1).getInputStream()) {
            assertArrayEquals(pdf, attachment.readAllBytes());
        }
    }

    private Object value(String sql, UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getObject(1);
            }
        }
    }
}
