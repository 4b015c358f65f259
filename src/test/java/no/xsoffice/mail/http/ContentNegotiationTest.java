package no.xsoffice.mail.http;

import static io.restassured.RestAssured.given;
import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The answer a client gets does not depend on the Accept it sends where the document allows it. */
@QuarkusTest
class ContentNegotiationTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldDeleteAProfileWhenOnlyProblemDocumentsAreAccepted() {
        asUser(newId("kari"), "acme").accept(PROBLEM).delete("/api/v1/users/me/smtp-profile").then().statusCode(204);
    }

    @Test
    void shouldDeleteAnOrganisationServerWhateverTheClientAccepts() {
        String org = newId("org");
        as(newId("per"), org, "org-admin").accept("application/json").delete("/api/v1/organizations/" + org + "/smtp-server")
                .then().statusCode(204);
        as(newId("per"), org, "org-admin").accept(PROBLEM).delete("/api/v1/organizations/" + org + "/smtp-server")
                .then().statusCode(204);
    }

    @Test
    void shouldAnswerADeleteWithoutTokenWith401WhenOnlyProblemDocumentsAreAccepted() {
        given().accept(PROBLEM).delete("/api/v1/users/me/smtp-profile").then().statusCode(401)
                .contentType(PROBLEM).header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
    }

    @Test
    void shouldAnswerARequestWithoutTokenWith401BeforeLookingAtAccept() {
        given().accept("text/html").get("/api/v1/users/me/smtp-profile").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void shouldStillAnswer406ToAnAuthenticatedReadThatAcceptsNoJson() {
        asUser(newId("kari"), "acme").accept("text/html").get("/api/v1/users/me/smtp-profile").then().statusCode(406)
                .contentType(PROBLEM);
    }
}
