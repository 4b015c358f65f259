package no.xsoffice.mail.contract;

import static no.xsoffice.mail.Api.anonymous;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Every REST Assured call of a @QuarkusTest is checked against openapi/openapi.yaml, without the test asking. */
@QuarkusTest
class OpenApiContractTest {

    @Test
    void shouldBeAmongTheGlobalFiltersOfEveryTest() {
        assertTrue(RestAssured.filters().stream().anyMatch(OpenApiContract.class::isInstance),
                "global filters: " + RestAssured.filters());
    }

    @Test
    void shouldFailAnExchangeTheDocumentDoesNotDescribe() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> asUser(newId("kari"), "acme").get("/api/v1/users/me/not-in-the-document"));
        assertTrue(e.getMessage().contains("breaks openapi/openapi.yaml"), e.getMessage());
    }

    @Test
    void shouldLetTheServiceRefuseARequestTheDocumentCallsInvalid() {
        asUser(newId("kari"), "acme").body(Map.of("port", "not a number")).put("/api/v1/users/me/smtp-profile")
                .then().statusCode(400);
    }

    @Test
    void shouldLeaveTheQuarkusEndpointsAlone() {
        anonymous().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
