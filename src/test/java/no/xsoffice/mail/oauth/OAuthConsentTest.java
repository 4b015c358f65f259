package no.xsoffice.mail.oauth;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.anonymous;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.xsoffice.mail.GreenMailResource;
import no.xsoffice.mail.InjectGreenMail;
import no.xsoffice.mail.OAuthServerResource;
import no.xsoffice.mail.organization.OrganizationSmtpServer;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.send.Mailbox;
import no.xsoffice.mail.smtp.SmtpProfile;
import okhttp3.mockwebserver.RecordedRequest;

/** Consent with a real OAuth server, and delivery with SASL XOAUTH2 to GreenMail. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OAuthServerResource.class, scope = TestResourceScope.GLOBAL)
class OAuthConsentTest {

    private static final String PROFILE = "/api/v1/users/me/smtp-profile";
    private static final String TEST = PROFILE + "/test";

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    OAuthTokens tokens;

    @Inject
    EntityManager em;

    @Inject
    OAuthConfig config;

    @Inject
    ObjectMapper json;

    private final String org = newId("org");
    private final String user = newId("kari");
    private final String email = user + "@firma.no";
    private final String domain = newId("d") + ".example";

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private void useGoogle() {
        me().body(json("""
                { "useSharedServer": false, "host": "127.0.0.1", "port": %s, "security": "NONE",
                  "authMethod": "XOAUTH2", "oauthProvider": "google", "username": %s }""",
                greenMail.getSmtp().getPort(), email))
                .put(PROFILE).then().statusCode(200)
                .body("authMethod", equalTo("XOAUTH2")).body("oauthState", equalTo("NOT_CONNECTED"));
    }

    /** The provider's redirect back to the service, as the browser would follow it after signing in. */
    private URI consent(long expiresIn) {
        OAuthServerResource.server().enqueueCallback(new DefaultOAuth2TokenCallback("google", email, "JWT",
                List.of("xs-mail-google"), Map.of("email", email), expiresIn));
        String url = me().post(PROFILE + "/oauth/authorize").then().statusCode(200).extract().path("authorizationUrl");
        assertThat(url).contains("code_challenge_method=S256");
        // the mock answers prompt=consent with a login page; a signed-in user who consents is redirected at once
        Response login = RestAssured.given().urlEncodingEnabled(false).redirects().follow(false)
                .get(url.replace("&prompt=consent", ""));
        assertEquals(302, login.statusCode(), url + " -> " + login.asString());
        String back = login.header("Location");
        assertThat(back).startsWith(OAuthServerResource.REDIRECT_URL);
        return URI.create(back);
    }

    private Response callback(URI back) {
        return anonymous().urlEncodingEnabled(false).redirects().follow(false).get("/api/v1/oauth/callback?" + back.getRawQuery());
    }

    private String accessToken() {
        UserRef ref = new UserRef(org, user);
        return QuarkusTransaction.requiringNew().call(() -> {
            SmtpProfile p = SmtpProfile.findFor(ref).orElseThrow();
            return tokens.accessToken(ref, p.server, p.secretBinding()).orElse(null);
        });
    }

    private String send() {
        return me().body(json("""
                { "to": [%s], "subject": "Tilbud", "text": "Hei" }""", "ola@" + domain))
                .post("/api/v1/users/me/messages").then().statusCode(202).extract().header("Location");
    }

    @Test
    void shouldConnectTheAccountThroughTheConsentRoundTrip() {
        useGoogle();
        callback(consent(3600)).then().statusCode(303)
                .header("Location", equalTo(OAuthServerResource.RETURN_URL + "?oauth=connected"));

        me().get(PROFILE).then().statusCode(200).body("oauthState", equalTo("CONNECTED"))
                .body("oauthAccount", equalTo(email)).body("credentialsValid", equalTo(true));
        String stored = QuarkusTransaction.requiringNew().call(() -> SmtpProfile.findFor(new UserRef(org, user))
                .orElseThrow().server.oauthRefreshCiphertext);
        assertThat(stored).as("encrypted at rest").matches("[0-9a-f]{8}:.+");
        String body = me().get(PROFILE).asString();
        assertThat(body).doesNotContain(stored, "refresh");
    }

    @Test
    void shouldHoldMailWhenTheProviderRefusesTheGrantAndReleaseItOnANewConsent() {
        useGoogle();
        callback(consent(1)).then().statusCode(303); // the access token is about to expire: the next use refreshes
        QuarkusMock.installMockForType(new OAuthClient(config, json) {
            @Override
            TokenResponse refresh(ProviderEndpoints provider, String refreshToken) {
                throw new OAuthException("invalid_grant", "Token has been expired or revoked.");
            }
        }, OAuthClient.class);

        String location = send();
        Mailbox.waiting().until(() -> me().get(location).then().extract().jsonPath().getBoolean("held"));
        me().get(PROFILE).then().body("credentialsValid", equalTo(false))
                .body("credentialsFailureReply", equalTo("invalid_grant"));
        assertEquals(0, greenMail.getReceivedMessagesForDomain(domain).length);

        QuarkusMock.installMockForType(new OAuthClient(config, json), OAuthClient.class);
        callback(consent(3600)).then().statusCode(303)
                .header("Location", equalTo(OAuthServerResource.RETURN_URL + "?oauth=connected"));
        greenMail.setUser(email, email, accessToken());
        Mailbox.awaitStatus(me(), location, "SENT");
        me().get(PROFILE).then().body("credentialsValid", equalTo(true));
    }

    @Test
    void shouldDeliverWithXoauth2UsingTheAccessToken() {
        useGoogle();
        callback(consent(3600)).then().statusCode(303);
        greenMail.setUser(email, email, accessToken());

        Mailbox.awaitStatus(me(), send(), "SENT");
        Mailbox.await(greenMail, domain, 1);
    }

    @Test
    void shouldFileTheCopyInSentSigningInToImapWithTheAccessToken() {
        me().body(json("""
                { "useSharedServer": false, "host": "127.0.0.1", "port": %s, "security": "NONE",
                  "authMethod": "XOAUTH2", "oauthProvider": "google", "username": %s, "sentCopy": "ALWAYS",
                  "imap": { "host": "localhost", "port": %s, "security": "SSL_TLS" } }""",
                  greenMail.getSmtp().getPort(), email, greenMail.getImaps().getPort()))
                .put(PROFILE).then().statusCode(200);
        callback(consent(3600)).then().statusCode(303);
        greenMail.setUser(email, email, accessToken());

        String location = send();
        Mailbox.awaitStatus(me(), location, "SENT");
        Mailbox.waiting().until(() -> "SAVED".equals(me().get(location).then().extract().jsonPath()
                .getString("sentCopy.status")));
    }

    @Test
    void shouldRefreshARefusedAccessTokenOnceBeforeHoldingTheMail() {
        useGoogle();
        callback(consent(3600)).then().statusCode(303);
        greenMail.setUser(email, email, "a-token-the-provider-never-issued");

        String location = send();
        Mailbox.waiting().until(() -> me().get(location).then().extract().jsonPath().getBoolean("held"));

        JsonPath held = me().get(location).then().extract().jsonPath();
        assertEquals(2, held.getList("attempts").size(), "the cached token was refused, then a fresh one: " + held.prettify());
        assertThat(held.getString("attempts[0].reply")).as(held.prettify()).startsWith("535");
        me().get(PROFILE).then().body("credentialsValid", equalTo(false));
    }

    @Test
    void shouldRefuseATamperedOrReplayedState() {
        useGoogle();
        URI back = consent(3600);
        String query = back.getRawQuery();
        String tampered = query.replaceAll("state=([^&]*)", "state=$1x");
        anonymous().urlEncodingEnabled(false).redirects().follow(false).get("/api/v1/oauth/callback?" + tampered).then().statusCode(303)
                .header("Location", equalTo(OAuthServerResource.RETURN_URL + "?oauth=error&reason=invalid_state"));

        callback(back).then().header("Location", equalTo(OAuthServerResource.RETURN_URL + "?oauth=connected"));
        callback(back).then().header("Location", equalTo(OAuthServerResource.RETURN_URL + "?oauth=error&reason=invalid_state"));
    }

    @Test
    void shouldRefreshTheAccessTokenShortlyBeforeItExpires() throws Exception {
        useGoogle();
        callback(consent(30)).then().statusCode(303); // 30 s: inside the 60 s margin, so the next use refreshes
        drain();
        String first = accessToken();
        RecordedRequest refresh = OAuthServerResource.server().takeRequest(5, TimeUnit.SECONDS);
        assertThat(refresh.getBody().readUtf8()).contains("grant_type=refresh_token");
        assertNotEquals(null, first);
    }

    @Test
    void shouldForgetTheConsentOnDisconnect() {
        useGoogle();
        callback(consent(3600)).then().statusCode(303);
        me().delete(PROFILE + "/oauth").then().statusCode(204);
        me().get(PROFILE).then().body("oauthState", equalTo("NOT_CONNECTED")).body("oauthAccount", nullValue());
    }

    @Test
    void shouldSignInAnOrganisationWithClientCredentials() {
        String tenant = newId("tenant");
        String mailbox = newId("post") + "@firma.no";
        as(newId("admin"), org, "org-admin").body(json("""
                { "host": "127.0.0.1", "port": %s, "security": "NONE", "username": %s, "authMethod": "XOAUTH2",
                  "oauthProvider": "microsoft", "oauthTenant": %s }""",
                  greenMail.getSmtp().getPort(), mailbox, tenant))
                .put("/api/v1/organizations/" + org + "/smtp-server").then().statusCode(200)
                .body("oauthState", equalTo("APP_ONLY"));
        UserRef owner = new UserRef(org, null);
        String token = QuarkusTransaction.requiringNew().call(() -> tokens.accessToken(owner,
                OrganizationSmtpServer.findFor(org).orElseThrow().server,
                "organization-smtp-server/" + org).orElseThrow());
        assertNotEquals(null, token);
        greenMail.setUser(mailbox, mailbox, token);

        Mailbox.awaitStatus(me(), send(), "SENT");
        Mailbox.await(greenMail, domain, 1);
    }

    @Test
    void shouldRefuseToStartAConsentForAPasswordProfile() {
        me().body("""
                { "useSharedServer": true }""").put(PROFILE).then().statusCode(200);
        me().post(PROFILE + "/oauth/authorize").then().statusCode(422);
    }

    @Test
    void shouldSignInWithXoauth2InTheConnectionTest() {
        useGoogle();
        callback(consent(3600)).then().statusCode(303);
        String token = accessToken();
        greenMail.setUser(email, email, token);

        me().post(TEST).then().statusCode(200).body("ok", equalTo(true))
                .body("stages.find { it.stage == 'AUTH' }.detail", containsString("AUTH XOAUTH2"))
                .body("stages.find { it.stage == 'AUTH' }.oauthState", equalTo("CONNECTED"))
                .body(not(containsString(token)));
    }

    @Test
    void shouldAskForConsentInTheConnectionTestWhenTheAccountIsNotConnected() {
        useGoogle();

        me().post(TEST).then().statusCode(200).body("ok", equalTo(false))
                .body("stages[-1].stage", equalTo("AUTH"))
                .body("stages[-1].oauthState", equalTo("NOT_CONNECTED"))
                .body("hint", containsString("Google account is not connected"));
    }

    @Test
    void shouldAskForANewConsentInTheConnectionTestWhenTheGrantIsRefused() {
        useGoogle();
        callback(consent(1)).then().statusCode(303);
        QuarkusMock.installMockForType(new OAuthClient(config, json) {
            @Override
            TokenResponse refresh(ProviderEndpoints provider, String refreshToken) {
                throw new OAuthException("invalid_grant", "Token has been expired or revoked.");
            }
        }, OAuthClient.class);

        me().post(TEST).then().statusCode(200).body("ok", equalTo(false))
                .body("stages[-1].stage", equalTo("AUTH"))
                .body("stages[-1].oauthState", equalTo("REFUSED"))
                .body("hint", containsString("connect the Google account again"));
        me().get(PROFILE).then().body("oauthState", equalTo("REFUSED"));
        me().post(TEST).then().body("stages[-1].oauthState", equalTo("REFUSED"));
    }

    @Test
    void shouldReportTheServersRefusalOfTheAccessToken() {
        useGoogle();
        callback(consent(3600)).then().statusCode(303);
        greenMail.setUser(email, email, "another-token");

        me().post(TEST).then().statusCode(200).body("ok", equalTo(false))
                .body("stages[-1].stage", equalTo("AUTH"))
                .body("stages[-1].reply", containsString("535"))
                .body("stages[-1].oauthState", equalTo("CONNECTED"))
                .body("hint", containsString("Google refused the access token"));
    }

    @Test
    void shouldSendTheAccessTokenOnlyToTheSavedServer() {
        useGoogle();
        callback(consent(3600)).then().statusCode(303);

        me().body("""
                { "host": "localhost" }""").post(TEST).then().statusCode(400)
                .body("errors[0].field", equalTo("host"));
        me().body("""
                { "password": "x" }""").post(TEST).then().statusCode(400)
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void shouldTestAnOrganisationsAppOnlySignIn() {
        String admin = newId("admin");
        String mailbox = newId("post") + "@firma.no";
        as(admin, org, "org-admin").body(json("""
                { "host": "127.0.0.1", "port": %s, "security": "NONE", "username": %s, "authMethod": "XOAUTH2",
                  "oauthProvider": "microsoft", "oauthTenant": %s }""",
                  greenMail.getSmtp().getPort(), mailbox, newId("tenant")))
                .put("/api/v1/organizations/" + org + "/smtp-server").then().statusCode(200);
        greenMail.setUser(mailbox, mailbox, "not-the-token");

        as(admin, org, "org-admin").post("/api/v1/organizations/" + org + "/smtp-server/test").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("stages[-1].stage", equalTo("AUTH"))
                .body("stages[-1].oauthState", equalTo("APP_ONLY"))
                .body("hint", containsString("service principal"));
    }

    @Test
    void shouldRefuseGoogleForAnOrganisationsAppOnlySignIn() {
        as(newId("admin"), org, "org-admin").body("""
                { "host": "smtp.gmail.com", "port": 587, "security": "STARTTLS", "username": "post@firma.no",
                  "authMethod": "XOAUTH2", "oauthProvider": "google" }""")
                .put("/api/v1/organizations/" + org + "/smtp-server").then().statusCode(400)
                .body("errors[0].field", equalTo("oauthProvider"));
    }

    private static void drain() throws InterruptedException {
        try {
            while (OAuthServerResource.server().takeRequest(100, TimeUnit.MILLISECONDS) != null) {
                // requests of the consent
            }
        } catch (RuntimeException none) {
            // the queue is empty
        }
    }
}
