package no.xsoffice.mail.security;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.hamcrest.Matchers.equalTo;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Who may touch whose settings: own data, another user of the organisation, another organisation. */
@QuarkusTest
class TenancyTest {

    private static final String[] USER_RESOURCES = { "smtp-profile", "signatures", "mail-preferences", "messages",
            "effective-transport" };

    private final String org = newId("org");
    private final String otherOrg = newId("org");
    private final String kari = newId("kari");
    private final String ola = newId("ola");
    private final String stranger = newId("stranger");

    @BeforeEach
    void everyoneHasBeenSeen() {
        asUser(kari, org).body("""
                { "defaultBcc": "arkiv@firma.no" }""").put("/api/v1/users/me/mail-preferences")
                .then().statusCode(200);
        asUser(ola, org).get("/api/v1/users/me/mail-preferences").then().statusCode(200);
        asUser(stranger, otherOrg).get("/api/v1/users/me/mail-preferences").then().statusCode(200);
    }

    @Test
    void shouldLetUserReadOwnSettingsByIdAndByMe() {
        for (String resource : USER_RESOURCES) {
            asUser(kari, org).get("/api/v1/users/" + kari + "/" + resource).then().statusCode(200);
            asUser(kari, org).get("/api/v1/users/me/" + resource).then().statusCode(200);
        }
    }

    @Test
    void shouldForbidUserToTouchAnotherUserOfTheSameOrganisation() {
        for (String resource : USER_RESOURCES) {
            asUser(ola, org).get("/api/v1/users/" + kari + "/" + resource).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        asUser(ola, org).body("""
                { "defaultBcc": "ola@evil.example" }""").put("/api/v1/users/" + kari + "/mail-preferences")
                .then().statusCode(403);
    }

    @Test
    void shouldLetOrgAdminAndServiceTouchAnyUserOfTheirOrganisation() {
        for (String role : new String[] { "org-admin", "service" }) {
            String bcc = role + "@firma.no";
            as(newId("admin"), org, role).body(json("""
                    { "defaultBcc": %s }""", bcc))
                    .put("/api/v1/users/" + kari + "/mail-preferences").then().statusCode(200);
            as(newId("admin"), org, role).get("/api/v1/users/" + kari + "/mail-preferences").then().statusCode(200)
                    .body("defaultBcc", equalTo(bcc));
            asUser(kari, org).get("/api/v1/users/me/mail-preferences").then().body("defaultBcc", equalTo(bcc));
        }
    }

    @Test
    void shouldAnswerNotFoundForAUserOfAnotherOrganisation() {
        for (String role : new String[] { "user", "org-admin", "service" }) {
            for (String resource : USER_RESOURCES) {
                as(stranger, otherOrg, role).get("/api/v1/users/" + kari + "/" + resource).then().statusCode(404)
                        .contentType("application/problem+json");
            }
        }
        as(stranger, otherOrg, "org-admin").body("""
                { "defaultBcc": "spy@evil.example" }""")
                .put("/api/v1/users/" + kari + "/mail-preferences").then().statusCode(404);
        asUser(kari, org).get("/api/v1/users/me/mail-preferences").then().body("defaultBcc", equalTo("arkiv@firma.no"));
    }

    @Test
    void shouldApplyTheSameRulesToSendingAndConnectionTests() {
        String message = """
                { "to": ["ola@example.com"], "subject": "x", "text": "x" }""";
        asUser(ola, org).body(message).post("/api/v1/users/" + kari + "/messages").then().statusCode(403);
        as(stranger, otherOrg, "org-admin").body(message).post("/api/v1/users/" + kari + "/messages").then()
                .statusCode(404);
        asUser(ola, org).body("{}").post("/api/v1/users/" + kari + "/smtp-profile/test").then().statusCode(403);
        as(stranger, otherOrg, "service").body("{}").post("/api/v1/users/" + kari + "/smtp-profile/test").then()
                .statusCode(404);
        asUser(kari, org).body("{}").post("/api/v1/organizations/" + org + "/smtp-server/test").then()
                .statusCode(403);
        as(stranger, otherOrg, "org-admin").body("{}").post("/api/v1/organizations/" + org + "/smtp-server/test")
                .then().statusCode(404);
    }

    @Test
    void shouldKeepOrganisationsApartEvenForTheSameUserId() {
        String shared = newId("shared");
        asUser(shared, org).body("""
                { "defaultBcc": "a@firma.no" }""").put("/api/v1/users/me/mail-preferences").then()
                .statusCode(200);
        asUser(shared, otherOrg).get("/api/v1/users/me/mail-preferences").then().statusCode(200)
                .body("defaultBcc", equalTo(null));
    }

    @Test
    void shouldLetOnlyOrgAdminAndServiceManageTheOrganisation() {
        String path = "/api/v1/organizations/" + org + "/sender-addresses";
        asUser(kari, org).get(path).then().statusCode(403).contentType("application/problem+json");
        as(newId("admin"), org, "org-admin").get(path).then().statusCode(200);
        as(newId("svc"), org, "service").get(path).then().statusCode(200);
        as(newId("admin"), otherOrg, "org-admin").get(path).then().statusCode(404);
        asUser(kari, org).get("/api/v1/organizations/" + org + "/smtp-server").then().statusCode(403);
        as(newId("admin"), otherOrg, "org-admin").get("/api/v1/organizations/" + org + "/smtp-server").then()
                .statusCode(404);
    }

    @Test
    void shouldRefuseTokenWithoutKnownRole() {
        as(kari, org, "guest").get("/api/v1/users/me/smtp-profile").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
