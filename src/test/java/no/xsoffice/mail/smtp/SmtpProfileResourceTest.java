package no.xsoffice.mail.smtp;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class SmtpProfileResourceTest {

    private static final String PATH = "/api/v1/users/me/smtp-profile";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    private final String org = newId("org");
    private final String user = newId("user");

    private RequestSpecification me() {
        return asUser(user, org);
    }

    private static Map<String, Object> gmail(String password) {
        var body = new HashMap<String, Object>(Map.of("useSharedServer", false, "templateId", "gmail",
                "host", "smtp.gmail.com", "port", 587, "security", "STARTTLS", "authentication", true,
                "username", "kari@gmail.com"));
        if (password != null) {
            body.put("password", password);
        }
        return body;
    }

    @Test
    void shouldAnswerSharedServerForUserWhoNeverSavedAProfile() {
        me().get(PATH).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("useSharedServer", equalTo(true))
                .body("host", nullValue())
                .body("passwordSet", equalTo(false));
    }

    @Test
    void shouldSaveProfileAndNeverReturnThePassword() {
        me().body(gmail("s3cret-app-pw")).put(PATH).then().statusCode(200)
                .body("host", equalTo("smtp.gmail.com"))
                .body("port", equalTo(587))
                .body("security", equalTo("STARTTLS"))
                .body("username", equalTo("kari@gmail.com"))
                .body("passwordSet", equalTo(true))
                .body("credentialsValid", equalTo(true))
                .body("$", not(hasKey("password")))
                .body(not(containsString("s3cret-app-pw")));

        me().get(PATH).then().statusCode(200)
                .body("useSharedServer", equalTo(false))
                .body("templateId", equalTo("gmail"))
                .body("passwordSet", equalTo(true))
                .body(not(containsString("s3cret-app-pw")));
    }

    @Test
    void shouldStoreOnlyCiphertextInTheDatabase() {
        me().body(gmail("s3cret-app-pw")).put(PATH).then().statusCode(200);

        String stored = storedCiphertext();
        assertThat(stored).doesNotContain("s3cret-app-pw");
        assertThat(stored).matches("[0-9a-f]{8}:[A-Za-z0-9+/=]+");
    }

    @Test
    void shouldKeepStoredPasswordWhenOmittedAndClearItWhenNull() {
        me().body(gmail("s3cret-app-pw")).put(PATH).then().statusCode(200);
        String first = storedCiphertext();

        me().body(gmail(null)).put(PATH).then().statusCode(200).body("passwordSet", equalTo(true));
        assertThat(first).isEqualTo(storedCiphertext());

        var cleared = gmail(null);
        cleared.put("password", null);
        cleared.put("authentication", false);
        me().body(cleared).put(PATH).then().statusCode(200).body("passwordSet", equalTo(false));
    }

    @Test
    void shouldRefuseToSendStoredPasswordToAnotherHost() {
        me().body(gmail("s3cret-app-pw")).put(PATH).then().statusCode(200);

        var moved = gmail(null);
        moved.put("host", "smtp.evil.example");
        me().body(moved).put(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("password"));

        var renamed = gmail(null);
        renamed.put("username", "ola@gmail.com");
        me().body(renamed).put(PATH).then().statusCode(400).body("errors.field", hasItem("password"));

        var newPort = gmail(null);
        newPort.put("port", 465);
        me().body(newPort).put(PATH).then().statusCode(400).body("errors.field", hasItem("password"));
    }

    @Test
    void shouldRejectPortZeroAndPortAbove65535() {
        var body = gmail("pw");
        body.put("port", 0);
        me().body(body).put(PATH).then().statusCode(400)
                .body("type", equalTo("urn:xs-mail:problem:validation"))
                .body("errors.field", hasItem("port"));
        body.put("port", 65536);
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", hasItem("port"));
    }

    @Test
    void shouldRejectInvalidHost() {
        for (String host : new String[] { "smtp gmail com", "-bad-.example", "exa_mple.com", "smtp.gmail.com\r\nX: y" }) {
            var body = gmail("pw");
            body.put("host", host);
            me().body(body).put(PATH).then().statusCode(400).body("errors.field", hasItem("host"));
        }
    }

    @Test
    void shouldRequireHostUnlessSharedServerIsUsed() {
        me().body("""
                { "useSharedServer": false }""").put(PATH).then().statusCode(400)
                .body("errors.field", hasItem("host"));
        me().body("""
                { "useSharedServer": true }""").put(PATH).then().statusCode(200)
                .body("useSharedServer", equalTo(true));
    }

    @Test
    void shouldRequireUsernameAndPasswordWhenAuthenticationIsOn() {
        me().body("""
                { "host": "smtp.firma.no", "port": 587, "authentication": true }""").put(PATH).then()
                .statusCode(400)
                .body("errors.field", hasItem("username"))
                .body("errors.field", hasItem("password"));
    }

    @Test
    void shouldNameEveryInvalidFieldOfThePersonalServerAtOnce() {
        me().body("""
                { "host": "smtp.firma.no", "port": 70000, "authentication": true }""").put(PATH).then()
                .statusCode(400)
                .body("errors.field", contains("port", "username", "password"))
                .body("errors.message", contains("must be between 1 and 65535", "is required when authentication is on",
                        "is required when authentication is on"));
        me().body("""
                { "useSharedServer": false, "username": "kari\\n", "imap": { "host": "imap..firma.no" } }""").put(PATH)
                .then().statusCode(400)
                .body("errors.field", contains("host", "username", "password", "imap.host"));
    }

    @Test
    void shouldWarnButAcceptSslTlsOnPort587() {
        var body = gmail("pw");
        body.put("security", "SSL_TLS");
        me().body(body).put(PATH).then().statusCode(200).body("warnings", hasItem(containsString("587")));

        body.put("security", "STARTTLS");
        me().body(body).put(PATH).then().statusCode(200).body("warnings", empty());
    }

    @Test
    void shouldDerivePortAndSecurityWhenLeftOut() {
        me().body("""
                { "host": "smtp.firma.no", "security": "SSL_TLS" }""").put(PATH).then().statusCode(200)
                .body("port", equalTo(465)).body("authentication", equalTo(false));
        me().body("""
                { "host": "smtp.firma.no", "port": 465 }""").put(PATH).then().statusCode(200)
                .body("security", equalTo("SSL_TLS"));
    }

    @Test
    void shouldFillInServerSettingsFromTheProviderTemplate() {
        me().body("""
                { "templateId": "microsoft365", "username": "kari@firma.no", "password": "pw" }""").put(PATH).then()
                .statusCode(200)
                .body("host", equalTo("smtp.office365.com"))
                .body("port", equalTo(587))
                .body("security", equalTo("STARTTLS"))
                .body("templateId", equalTo("microsoft365"));
        me().body("""
                { "templateId": "gmail", "port": 465, "username": "kari@gmail.com", "password": "pw" }""").put(PATH)
                .then().statusCode(200)
                .body("host", equalTo("smtp.gmail.com")).body("port", equalTo(465)).body("security", equalTo("SSL_TLS"));
    }

    @Test
    void shouldRejectAnUnknownTemplate() {
        me().body("""
                { "templateId": "no-such-provider", "host": "smtp.firma.no" }""").put(PATH).then().statusCode(400)
                .body("errors.field", hasItem("templateId"));
    }

    @Test
    void shouldAnswerUnknownEnumValueWithFieldNamedProblem() {
        var body = gmail("pw");
        body.put("security", "TLS_PLEASE");
        me().body(body).put(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("security"))
                .body("errors[0].message", containsString("STARTTLS"));
    }

    @Test
    void shouldAnswerWrongTypeAndMalformedJsonWith400() {
        me().body("{\"port\": \"five\"}").put(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("port"));
        me().body("{\"host\": ").put(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400));
        me().body("{\"hots\": \"smtp.firma.no\"}").put(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("hots"));
        me().put(PATH).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldAcceptTheViewSentBackUnchanged() {
        me().body(gmail("pw")).put(PATH).then().statusCode(200);
        Map<String, Object> view = me().get(PATH).then().statusCode(200).extract().as(Map.class);

        me().body(view).put(PATH).then().statusCode(200).body("passwordSet", equalTo(true));
    }

    @Test
    void shouldRejectStaleWriteWithPreconditionFailed() {
        String etag = me().body(gmail("pw")).put(PATH).then().statusCode(200).extract().header("ETag");
        me().header("If-Match", etag).body(gmail(null)).put(PATH).then().statusCode(200);
        me().header("If-Match", etag).body(gmail(null)).put(PATH).then().statusCode(412)
                .contentType("application/problem+json");
    }

    @Test
    void shouldGoBackToSharedServerOnDelete() {
        me().body(gmail("pw")).put(PATH).then().statusCode(200);
        me().delete(PATH).then().statusCode(204);
        me().get(PATH).then().statusCode(200).body("useSharedServer", equalTo(true)).body("passwordSet", equalTo(false));
    }

    @Test
    void shouldSaveAndReadTheLimitsTheUserSets() {
        var body = gmail("pw");
        body.put("limits", Map.of("connections", 2, "recipientsPerDay", 400));
        me().body(body).put(PATH).then().statusCode(200)
                .body("limits.connections", equalTo(2))
                .body("limits.recipientsPerDay", equalTo(400));

        me().get(PATH).then().statusCode(200)
                .body("limits.connections", equalTo(2))
                .body("limits.recipientsPerDay", equalTo(400))
                .body("limits", hasKey("messagesPerMinute"))
                .body("limits.messagesPerMinute", nullValue())
                .body("limits.recipientsPerMessage", nullValue());
        assertThat(storedLimit("limit_connections")).isEqualTo(2);
    }

    @Test
    void shouldAcceptTheLimitsAtTheirBounds() {
        var body = gmail("pw");
        body.put("limits", Map.of("connections", 1, "messagesPerMinute", 1_000_000, "recipientsPerMessage", 500,
                "recipientsPerDay", 1_000_000));
        me().body(body).put(PATH).then().statusCode(200)
                .body("limits.connections", equalTo(1))
                .body("limits.messagesPerMinute", equalTo(1_000_000))
                .body("limits.recipientsPerMessage", equalTo(500))
                .body("limits.recipientsPerDay", equalTo(1_000_000));
    }

    @Test
    void shouldRejectALimitOfZeroAboveAMillionOrNotAWholeNumberNamingTheField() {
        for (Object bad : new Object[] { 0, 1_000_001, -3, "2", "two", 2.5, true, List.of(2), Map.of("n", 2),
                10_000_000_000L }) {
            var body = gmail("pw");
            var limits = new HashMap<String, Object>();
            limits.put("recipientsPerDay", bad);
            body.put("limits", limits);
            me().body(body).put(PATH).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:xs-mail:problem:validation"))
                    .body("errors.field", contains("limits.recipientsPerDay"));
        }
        var body = gmail("pw");
        body.put("limits", Map.of("connections", 0, "messagesPerMinute", 1_000_001));
        me().body(body).put(PATH).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("limits.connections", "limits.messagesPerMinute"));
        me().get(PATH).then().statusCode(200).body("useSharedServer", equalTo(true));
    }

    @Test
    void shouldNameAnUnknownFieldInsideTheLimits() {
        var body = gmail("pw");
        body.put("limits", Map.of("connections", 2, "recipientsPerHour", 10));
        me().body(body).put(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("limits.recipientsPerHour"))
                .body("errors[0].message", equalTo("unknown field"));
    }

    @Test
    void shouldRejectLimitsThatAreNotAnObject() {
        var body = gmail("pw");
        body.put("limits", 5);
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", contains("limits"));
    }

    @Test
    void shouldClearTheLimitsWithNullAnEmptyObjectOrByLeavingThemOut() {
        var limited = gmail("pw");
        limited.put("limits", Map.of("connections", 2, "recipientsPerDay", 400));
        var withNull = gmail(null);
        withNull.put("limits", null);
        var withEmpty = gmail(null);
        withEmpty.put("limits", Map.of());
        var withNullField = gmail(null);
        var nullField = new HashMap<String, Object>();
        nullField.put("connections", null);
        withNullField.put("limits", nullField);
        for (var clearing : List.of(withNull, withEmpty, withNullField, gmail(null))) {
            me().body(limited).put(PATH).then().statusCode(200).body("limits.connections", equalTo(2));
            me().body(clearing).put(PATH).then().statusCode(200)
                    .body("limits.connections", nullValue())
                    .body("limits.recipientsPerDay", nullValue());
            me().get(PATH).then().statusCode(200).body("limits.connections", nullValue());
            assertThat(storedLimit("limit_connections")).isNull();
        }
    }

    @Test
    void shouldAnswerEmptyLimitsForAUserWhoNeverSavedAProfile() {
        me().get(PATH).then().statusCode(200)
                .body("limits.connections", nullValue())
                .body("limits", hasKey("recipientsPerDay"));
    }

    @Test
    void shouldAcceptTheViewWithLimitsSentBackUnchangedAndKeepThem() {
        var body = gmail("pw");
        body.put("limits", Map.of("messagesPerMinute", 30, "recipientsPerMessage", 100));
        me().body(body).put(PATH).then().statusCode(200);
        Map<String, Object> view = me().get(PATH).then().statusCode(200).extract().as(Map.class);

        me().body(view).put(PATH).then().statusCode(200)
                .body("passwordSet", equalTo(true))
                .body("limits.messagesPerMinute", equalTo(30))
                .body("limits.recipientsPerMessage", equalTo(100))
                .body("limits.connections", nullValue());
    }

    @Test
    void shouldCarryTheDomeneshopWarningInTheProfileAnswer() {
        var body = """
                { "templateId": "domeneshop", "username": "firma1", "password": "pw" }""";
        me().body(body).put(PATH).then().statusCode(200)
                .body("host", equalTo("smtp.domeneshop.no"))
                .body("warnings", hasItem(containsString("Domeneshop allows")))
                .body("providerWarning.nb", containsString("Domeneshop"))
                .body("providerWarning.en", containsString("Domeneshop allows"));
        Map<String, Object> view = me().get(PATH).then().statusCode(200).extract().as(Map.class);
        me().body(view).put(PATH).then().statusCode(200).body("warnings", hasItem(containsString("Domeneshop")));

        me().body(gmail("pw")).put(PATH).then().statusCode(200)
                .body("warnings", not(hasItem(containsString("Domeneshop"))));
    }

    @Test
    void shouldLeaveOutTheTemplateWarningWhileTheSharedServerIsUsed() {
        me().body("""
                { "useSharedServer": true, "templateId": "domeneshop", "username": "firma1", "password": "pw" }""")
                .put(PATH).then().statusCode(200)
                .body("warnings", empty())
                .body("providerWarning", nullValue());
    }

    @Test
    void shouldReadALeftOutPasswordAsNullAndANullPasswordAsEmpty() throws Exception {
        assertThat(json.readValue("{}", SmtpProfileRequest.class).password()).isNull();
        assertThat(json.readValue("""
                { "password": null }""", SmtpProfileRequest.class).password()).isEmpty();
        assertThat(json.readValue("""
                { "password": "pw" }""", SmtpProfileRequest.class).password()).contains("pw");
    }

    @Test
    void shouldRejectPortGivenAsString() {
        var body = gmail("pw");
        body.put("port", "3865");
        me().body(body).put(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("port"))
                .body("errors[0].message", equalTo("must be a whole number"));
    }

    @Test
    void shouldRejectAuthenticationGivenAsString() {
        var body = gmail("pw");
        body.put("authentication", "true");
        me().body(body).put(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("authentication"))
                .body("errors[0].message", equalTo("must be true or false"));
    }

    @Test
    void shouldRejectSecurityGivenAsNumberAndUsernameGivenAsNumber() {
        var body = gmail("pw");
        body.put("security", 1);
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", contains("security"));
        body = gmail("pw");
        body.put("username", 42);
        me().body(body).put(PATH).then().statusCode(400)
                .body("errors.field", contains("username"))
                .body("errors[0].message", equalTo("must be a string"));
    }

    @Test
    void shouldRejectAPortWithAFraction() {
        var body = gmail("pw");
        body.put("port", 587.5);
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", contains("port"));
    }

    @Test
    void shouldRejectAPasswordThatIsNotAString() {
        for (Object bad : new Object[] { 5, true, Map.of("empty", false), List.of("pw") }) {
            var body = gmail(null);
            body.put("password", bad);
            me().body(body).put(PATH).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("password"))
                    .body("errors[0].message", equalTo("must be a string"));
        }
    }

    @Test
    void shouldRejectAPasswordLongerThan1024CharactersOrWithNul() {
        me().body(gmail("x".repeat(1025))).put(PATH).then().statusCode(400)
                .body("errors.field", contains("password"))
                .body("errors[0].message", equalTo("must be at most 1024 characters"));
        me().body(gmail("a\u0000b")).put(PATH).then().statusCode(400).body("errors.field", contains("password"));
        me().body(gmail("x".repeat(1024))).put(PATH).then().statusCode(200).body("passwordSet", equalTo(true));
    }

    @Test
    void shouldRejectAUsernameWithControlCharactersOrLongerThan320Characters() {
        var body = gmail("pw");
        body.put("username", "kari@gmail.com\r\nX: y");
        me().body(body).put(PATH).then().statusCode(400)
                .body("errors.field", contains("username"))
                .body("errors[0].message", containsString("control characters"));
        body.put("username", "k".repeat(321));
        me().body(body).put(PATH).then().statusCode(400)
                .body("errors.field", contains("username"))
                .body("errors[0].message", equalTo("must be at most 320 characters"));
    }

    @Test
    void shouldNameEveryFieldOnceWithAllItsProblems() {
        var body = gmail("pw");
        body.put("username", "k".repeat(321) + "\n");
        body.put("port", 0);
        me().body(body).put(PATH).then().statusCode(400)
                .body("errors.field", contains("port", "username"))
                .body("errors[1].message", containsString("320"))
                .body("errors[1].message", containsString("control characters"));
    }

    @Test
    void shouldRejectAnOAuthProviderThatIsNotOneOfTheTwo() {
        var body = gmail(null);
        body.put("authMethod", "XOAUTH2");
        body.put("oauthProvider", "yahoo");
        me().body(body).put(PATH).then().statusCode(400)
                .body("errors.field", contains("oauthProvider"))
                .body("errors[0].message", equalTo("must be one of google, microsoft"));
        body.remove("oauthProvider");
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", contains("oauthProvider"));
    }

    @Test
    void shouldRejectAnOAuthTenantThatIsNoTenant() {
        var body = gmail(null);
        body.put("authMethod", "XOAUTH2");
        body.put("oauthProvider", "microsoft");
        body.put("oauthTenant", "firma.no/../x");
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", contains("oauthTenant"));
    }

    @Test
    void shouldKeepStoredPasswordWhenSwitchingToSharedServer() {
        var limited = gmail("s3cret-app-pw");
        limited.put("limits", Map.of("connections", 2));
        me().body(limited).put(PATH).then().statusCode(200);
        String stored = storedCiphertext();

        me().body(Map.of("useSharedServer", true)).put(PATH).then().statusCode(200)
                .body("useSharedServer", equalTo(true))
                .body("passwordSet", equalTo(true))
                .body("host", equalTo("smtp.gmail.com"))
                .body("username", equalTo("kari@gmail.com"))
                .body("templateId", equalTo("gmail"))
                .body("limits.connections", equalTo(2));
        assertThat(storedCiphertext()).isEqualTo(stored);
    }

    @Test
    void shouldNotAskForThePasswordWhenSwitchingBackToTheSameServer() {
        me().body(gmail("s3cret-app-pw")).put(PATH).then().statusCode(200);
        me().body(Map.of("useSharedServer", true)).put(PATH).then().statusCode(200);

        me().body(gmail(null)).put(PATH).then().statusCode(200)
                .body("useSharedServer", equalTo(false))
                .body("passwordSet", equalTo(true));

        var moved = gmail(null);
        moved.put("host", "smtp.firma.no");
        me().body(Map.of("useSharedServer", true)).put(PATH).then().statusCode(200);
        me().body(moved).put(PATH).then().statusCode(400).body("errors.field", hasItem("password"));
    }

    @Test
    void shouldSwitchANewProfileToTheSharedServer() {
        me().body(Map.of("useSharedServer", true)).put(PATH).then().statusCode(200)
                .body("useSharedServer", equalTo(true))
                .body("host", nullValue())
                .body("passwordSet", equalTo(false));
    }

    @Test
    void shouldNameAnUnknownFieldInsideImap() {
        var body = gmail("pw");
        body.put("imap", Map.of("host", "imap.gmail.com", "prot", 993));
        me().body(body).put(PATH).then().statusCode(400)
                .body("errors.field", contains("imap.prot"))
                .body("errors[0].message", equalTo("unknown field"));
    }

    @Test
    void shouldRejectImapWithoutHostOrInPlainTextOrOnABadPort() {
        var body = gmail("pw");
        body.put("imap", Map.of("port", 993));
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", contains("imap.host"));
        body.put("imap", Map.of("host", "imap.gmail.com", "security", "NONE"));
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", contains("imap.security"));
        body.put("imap", Map.of("host", "imap gmail com"));
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", contains("imap.host"));
        body.put("imap", Map.of("host", "imap.gmail.com", "port", 70000));
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", contains("imap.port"));
        body.put("imap", Map.of("host", "imap.gmail.com", "port", "993"));
        me().body(body).put(PATH).then().statusCode(400).body("errors.field", contains("imap.port"));
    }

    @Test
    void shouldSaveAnImapServerWithItsDefaultPort() {
        var body = gmail("pw");
        body.put("imap", Map.of("host", "IMAP.Gmail.com", "security", "STARTTLS"));
        me().body(body).put(PATH).then().statusCode(200)
                .body("imap.host", equalTo("imap.gmail.com"))
                .body("imap.port", equalTo(143))
                .body("imap.security", equalTo("STARTTLS"));
    }

    @Transactional
    String storedCiphertext() {
        return (String) em.createNativeQuery("select password_ciphertext from smtp_profile where org_id = ?1 and user_id = ?2")
                .setParameter(1, org).setParameter(2, user).getSingleResult();
    }

    @Transactional
    Integer storedLimit(String column) {
        return (Integer) em.createNativeQuery("select " + column + " from smtp_profile where org_id = ?1 and user_id = ?2")
                .setParameter(1, org).setParameter(2, user).getSingleResult();
    }
}
