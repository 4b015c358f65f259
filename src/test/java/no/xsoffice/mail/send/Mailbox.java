package no.xsoffice.mail.send;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Waiting for what the service delivers, as the receiving side sees it. */
public final class Mailbox {

    private Mailbox() {
    }

    /** Waits up to 20 seconds; failures on the test SMTP servers' own threads (a refused TLS handshake) are expected. */
    public static ConditionFactory waiting() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).dontCatchUncaughtExceptions();
    }

    /** The copies GreenMail delivered to mailboxes of {@code domain}, once there are {@code count}. */
    public static List<MimeMessage> await(GreenMail greenMail, String domain, int count) {
        waiting().until(() -> greenMail.getReceivedMessagesForDomain(domain).length >= count);
        return Arrays.asList(greenMail.getReceivedMessagesForDomain(domain));
    }

    public static MimeMessage parse(String mime) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime.getBytes()));
    }

    /** The message's view once its status is {@code status}. */
    public static JsonPath awaitStatus(RequestSpecification as, String location, String status) {
        JsonPath[] last = new JsonPath[1];
        try {
            waiting().until(() -> {
                last[0] = as.get(location).then().statusCode(200).extract().jsonPath();
                return status.equals(last[0].getString("status"));
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Expected status " + status + ", the message is still "
                    + (last[0] == null ? "unread" : last[0].prettify()), e);
        }
        return last[0];
    }
}
