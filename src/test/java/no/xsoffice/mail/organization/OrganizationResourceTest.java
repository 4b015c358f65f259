package no.xsoffice.mail.organization;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class OrganizationResourceTest {

    private final String org = newId("org");
    private final String adminId = newId("admin");

    private RequestSpecification admin() {
        return as(adminId, org, "org-admin");
    }

    private String path(String resource) {
        return "/api/v1/organizations/" + org + "/" + resource;
    }

    @Test
    void shouldSaveReadAndDeleteTheSharedServer() {
        admin().get(path("smtp-server")).then().statusCode(404).contentType("application/problem+json");
        admin().body("""
                { "host": "smtp.firma.no", "port": 587, "security": "STARTTLS", "username": "post@firma.no",
                  "password": "delt-passord" }""").put(path("smtp-server")).then().statusCode(200)
                .body("host", equalTo("smtp.firma.no"))
                .body("authentication", equalTo(true))
                .body("passwordSet", equalTo(true))
                .body(not(containsString("delt-passord")));
        admin().get(path("smtp-server")).then().statusCode(200).body("username", equalTo("post@firma.no"));
        admin().delete(path("smtp-server")).then().statusCode(204);
        admin().get(path("smtp-server")).then().statusCode(404);
    }

    @Test
    void shouldNameEveryInvalidFieldOfTheSharedServerAtOnce() {
        admin().body(Map.of("port", 70000, "authentication", true)).put(path("smtp-server")).then().statusCode(400)
                .body("errors.field", contains("host", "port", "username", "password"))
                .body("errors[0].message", equalTo("is required"))
                .body("errors[1].message", equalTo("must be between 1 and 65535"));
        admin().body(Map.of("host", "smtp.firma.no", "port", 70000, "authentication", true)).put(path("smtp-server"))
                .then().statusCode(400)
                .body("errors.field", contains("port", "username", "password"))
                .body("errors.message", contains("must be between 1 and 65535", "is required when authentication is on",
                        "is required when authentication is on"));
    }

    @Test
    void shouldRejectPortGivenAsStringAndAnUnknownFieldInsideTheLimits() {
        admin().body(Map.of("host", "smtp.firma.no", "port", "3865")).put(path("smtp-server")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("port"));
        admin().body(Map.of("host", "smtp.firma.no", "limits", Map.of("connexions", 2))).put(path("smtp-server"))
                .then().statusCode(400)
                .body("errors.field", contains("limits.connexions"))
                .body("errors[0].message", equalTo("unknown field"));
    }

    @Test
    void shouldRefuseGoogleAsTheOrganisationsOAuthProvider() {
        admin().body(Map.of("host", "smtp.gmail.com", "authMethod", "XOAUTH2", "oauthProvider", "google"))
                .put(path("smtp-server")).then().statusCode(400)
                .body("errors.field", contains("oauthProvider"));
    }

    @Test
    void shouldRefuseStoredPasswordForAnotherHost() {
        admin().body("""
                { "host": "smtp.firma.no", "username": "post@firma.no", "password": "pw" }""")
                .put(path("smtp-server"))
                .then().statusCode(200);
        admin().body("""
                { "host": "smtp.evil.example", "username": "post@firma.no" }""").put(path("smtp-server")).then()
                .statusCode(400).body("errors.field", hasItem("password"));
    }

    @Test
    void shouldSaveAndReadTheLimitsOfTheSharedServer() {
        admin().body("""
                { "host": "smtp.firma.no", "username": "post@firma.no", "password": "pw",
                  "limits": { "connections": 2, "recipientsPerDay": 400 } }""").put(path("smtp-server")).then()
                .statusCode(200)
                .body("limits.connections", equalTo(2))
                .body("limits.recipientsPerDay", equalTo(400));
        admin().get(path("smtp-server")).then().statusCode(200)
                .body("limits.connections", equalTo(2))
                .body("limits.recipientsPerDay", equalTo(400))
                .body("limits.messagesPerMinute", nullValue());
    }

    @Test
    void shouldRejectSharedServerLimitsOutOfRangeNamingTheField() {
        for (Object bad : new Object[] { 0, 1_000_001, "two", "3" }) {
            Map<String, Object> limits = new HashMap<>();
            limits.put("connections", bad);
            admin().body(json("""
                    { "host": "smtp.firma.no", "limits": %s }""", limits)).put(path("smtp-server")).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("limits.connections"));
        }
        admin().body("""
                { "host": "smtp.firma.no", "limits": { "connexions": 2 } }""").put(path("smtp-server"))
                .then().statusCode(400).body("errors.field", contains("limits.connexions"));
        admin().get(path("smtp-server")).then().statusCode(404);
    }

    @Test
    void shouldClearTheSharedServerLimitsAndAcceptItsViewSentBack() {
        admin().body("""
                { "host": "smtp.firma.no", "username": "post@firma.no", "password": "pw",
                  "limits": { "messagesPerMinute": 20 } }""").put(path("smtp-server")).then().statusCode(200);
        Map<String, Object> view = admin().get(path("smtp-server")).then().statusCode(200).extract().as(Map.class);
        admin().body(view).put(path("smtp-server")).then().statusCode(200)
                .body("passwordSet", equalTo(true))
                .body("limits.messagesPerMinute", equalTo(20));

        Map<String, Object> cleared = new HashMap<>(view);
        cleared.put("limits", Map.of());
        admin().body(cleared).put(path("smtp-server")).then().statusCode(200).body("limits.messagesPerMinute", nullValue());
        cleared.put("limits", Map.of("messagesPerMinute", 20));
        admin().body(cleared).put(path("smtp-server")).then().statusCode(200).body("limits.messagesPerMinute", equalTo(20));
        cleared.put("limits", null);
        admin().body(cleared).put(path("smtp-server")).then().statusCode(200).body("limits.messagesPerMinute", nullValue());
    }

    @Test
    void shouldReplaceSenderAddressesNormalisedAndOnce() {
        admin().get(path("sender-addresses")).then().statusCode(200).body("addresses.size()", equalTo(0));
        admin().body("""
                { "addresses": ["Post@Firma.no", "faktura@firma.no", "post@firma.no"] }""")
                .put(path("sender-addresses")).then().statusCode(200)
                .body("addresses", contains("post@firma.no", "faktura@firma.no"));
    }

    @Test
    void shouldNameEachInvalidSenderAddress() {
        admin().body("""
                { "addresses": ["post@firma.no", "ikke en adresse", "x@y\\nBcc: z@evil.example"] }""")
                .put(path("sender-addresses")).then().statusCode(400)
                .body("errors.field", contains("addresses[1]", "addresses[2]"));
        admin().body("{}").put(path("sender-addresses")).then().statusCode(400)
                .body("errors.field", contains("addresses"));
    }
}
