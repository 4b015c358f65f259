package no.xsoffice.mail.sentcopy;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Flags;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;
import no.xsoffice.mail.ScriptedSmtpServer;
import no.xsoffice.mail.send.Mailbox;

/**
 * The copy in the Sent folder against GreenMail's IMAP servers: the SMTP side is a scripted server that takes any
 * sign-in, so that the IMAP sign-in can be refused on its own.
 */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class SentCopyTest {

    private static final String PROFILE = "/api/v1/users/me/smtp-profile";

    @InjectGreenMail
    GreenMail greenMail;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String login = newId("login");
    private ScriptedSmtpServer smtp;

    @BeforeEach
    void start() throws Exception {
        smtp = new ScriptedSmtpServer();
        smtp.ehloReply = "250-scripted\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME";
        smtp.authReply = "235 2.7.0 Authentication successful";
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
    }

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private Map<String, Object> profile(String templateId, Map<String, Object> imap, String sentCopy) {
        Map<String, Object> p = new HashMap<>(Map.of("useSharedServer", false, "host", "127.0.0.1", "port", smtp.port(),
                "security", "NONE", "authentication", true, "username", login, "password", "riktig-passord"));
        if (templateId != null) {
            p.put("templateId", templateId);
        }
        if (imap != null) {
            p.put("imap", imap);
        }
        if (sentCopy != null) {
            p.put("sentCopy", sentCopy);
        }
        return p;
    }

    private Map<String, Object> imaps() {
        return Map.of("host", "localhost", "port", greenMail.getImaps().getPort(), "security", "SSL_TLS");
    }

    private JsonPath sendAndAwaitCopy(String status) {
        String location = me().body("""
                { "to": ["ola@example.com"], "subject": "Tilbud", "text": "Hei" }""")
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
        Mailbox.awaitStatus(me(), location, "SENT");
        Mailbox.waiting().atMost(Duration.ofSeconds(20)).until(() -> status.equals(
                me().get(location).then().statusCode(200).extract().jsonPath().getString("sentCopy.status")));
        return me().get(location).then().statusCode(200).extract().jsonPath();
    }

    private MailFolder folder(String name) {
        ImapHostManager imap = greenMail.getManagers().getImapHostManager();
        GreenMailUser owner = greenMail.getUserManager().getUser(login);
        try {
            return imap.getFolder(owner, name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldFileTheMessageOnceInSentWithTheSameMessageIdAndSeen() throws Exception {
        greenMail.setUser(login + "@firma.no", login, "riktig-passord");
        me().body(profile(null, imaps(), null)).put(PROFILE).then().statusCode(200)
                .body("sentCopy", equalTo("AUTO")).body("imap.port", equalTo(greenMail.getImaps().getPort()));

        JsonPath view = sendAndAwaitCopy("SAVED");
        assertEquals("SENT", view.getString("status"));
        assertEquals("Sent", view.getString("sentCopy.folder"));
        assertThat(view.getString("sentCopy.reply")).startsWith("OK");

        Thread.sleep(1000); // a few more rounds of the job: nothing is filed twice
        MailFolder sent = folder("Sent");
        assertEquals(1, sent.getMessageCount());
        StoredMessage copy = sent.getMessages().get(0);
        assertEquals(view.getString("messageId"), copy.getMimeMessage().getMessageID());
        assertThat(copy.getFlags().getSystemFlags()).contains(Flags.Flag.SEEN);
        assertEquals(1, smtp.messages.size(), "sent once");
    }

    @Test
    void shouldFindAFolderNamedSendteElementer() throws Exception {
        greenMail.setUser(login + "@firma.no", login, "riktig-passord");
        greenMail.getManagers().getImapHostManager().createMailbox(greenMail.getUserManager().getUser(login),
                "Sendte elementer");
        me().body(profile(null, imaps(), "ALWAYS")).put(PROFILE).then().statusCode(200);

        JsonPath view = sendAndAwaitCopy("SAVED");
        assertEquals("Sendte elementer", view.getString("sentCopy.folder"));
        assertEquals(1, folder("Sendte elementer").getMessageCount());
        assertNull(folder("Sent"));
    }

    @Test
    void shouldLeaveTheMessageSentAndTheCopyFailedWhenTheImapSignInIsRefused() {
        greenMail.setUser(login + "@firma.no", login, "et-annet-passord");
        me().body(profile(null, imaps(), null)).put(PROFILE).then().statusCode(200);

        JsonPath view = sendAndAwaitCopy("FAILED");
        assertEquals("SENT", view.getString("status"));
        assertThat(view.getString("sentCopy.reply")).contains("refused the sign-in");
        assertEquals(1, smtp.messages.size(), "never sent again");
    }

    @Test
    void shouldNeverFallBackToPlainTextWhenTheImapServerDoesNotOfferStartTls() {
        greenMail.setUser(login + "@firma.no", login, "riktig-passord");
        me().body(profile(null, Map.of("host", "localhost", "port", greenMail.getImap().getPort(), "security", "STARTTLS"),
                null)).put(PROFILE).then().statusCode(200);

        JsonPath view = sendAndAwaitCopy("FAILED");
        assertEquals("SENT", view.getString("status"));
        assertThat(view.getString("sentCopy.reply").toUpperCase()).contains("STARTTLS");
    }

    @Test
    void shouldSkipTheCopyForGmailAndMicrosoft365WhichFileSentMailThemselves() {
        for (String template : List.of("gmail", "microsoft365")) {
            me().body(profile(template, imaps(), "AUTO")).put(PROFILE).then().statusCode(200);
            JsonPath view = sendAndAwaitCopy("SKIPPED");
            assertThat(view.getString("sentCopy.reply"))
                    .contains("files mail sent through its SMTP server in Sent itself");
        }
    }

    @Test
    void shouldTakeTheImapServerFromTheTemplateWhenTheProfileLeavesItOut() {
        me().body(profile("icloud", null, null)).put(PROFILE).then().statusCode(200)
                .body("imap.host", equalTo("imap.mail.me.com")).body("imap.port", equalTo(993))
                .body("imap.security", equalTo("SSL_TLS"));
    }

    @Test
    void shouldAcceptTheProfileItAnswersSentBack() {
        greenMail.setUser(login + "@firma.no", login, "riktig-passord");
        Map<String, Object> view = me().body(profile(null, imaps(), "NEVER")).put(PROFILE).then().statusCode(200)
                .extract().jsonPath().getMap("");
        me().body(view).put(PROFILE).then().statusCode(200).body("sentCopy", equalTo("NEVER"))
                .body("imap.host", equalTo("localhost"));
    }

    @Test
    void shouldRejectInvalidImapFieldsNamingEachOne() {
        me().body(profile(null, Map.of("host", "not a host", "port", 70000, "security", "NONE", "folder", "Sent"), null))
                .put(PROFILE).then().statusCode(400)
                .body("errors.field", hasItems("imap.host", "imap.port", "imap.security", "imap.folder"));
        me().body(profile(null, Map.of("port", 993), null)).put(PROFILE).then().statusCode(400)
                .body("errors.field", hasItems("imap.host"));
        me().body(profile(null, null, "SOMETIMES")).put(PROFILE).then().statusCode(400);
        Map<String, Object> notAnObject = profile(null, null, null);
        notAnObject.put("imap", "imap.example.com");
        me().body(notAnObject).put(PROFILE).then().statusCode(400).body("errors.field", hasItems("imap"));
    }

    @Test
    void shouldEndTheConnectionTestWithAnImapStageWhenACopyIsWanted() {
        greenMail.setUser(login + "@firma.no", login, "riktig-passord");
        me().body(profile(null, imaps(), null)).put(PROFILE).then().statusCode(200);

        JsonPath result = me().body("{}").post(PROFILE + "/test").then().statusCode(200).extract().jsonPath();
        assertThat(result.getBoolean("ok")).as(result.prettify()).isTrue();
        assertEquals("IMAP", result.getString("stages[-1].stage"));
        assertThat(result.getString("stages[-1].detail")).endsWith("goes to Sent");
    }

    @Test
    void shouldHintThatTheImapSignInWasRefusedInTheConnectionTest() {
        greenMail.setUser(login + "@firma.no", login, "et-annet-passord");
        me().body(profile(null, imaps(), null)).put(PROFILE).then().statusCode(200);

        JsonPath result = me().body("{}").post(PROFILE + "/test").then().statusCode(200).extract().jsonPath();
        assertEquals(false, result.getBoolean("ok"));
        assertEquals("IMAP", result.getString("stages[-1].stage"));
        assertThat(result.getString("hint")).contains("IMAP may be turned off");
    }

    @Test
    void shouldRunNoImapStageWhenNoCopyIsWanted() {
        me().body(profile(null, imaps(), "NEVER")).put(PROFILE).then().statusCode(200);
        JsonPath result = me().body("{}").post(PROFILE + "/test").then().statusCode(200).extract().jsonPath();
        assertEquals("DATA", result.getString("stages[-1].stage"));
    }
}
