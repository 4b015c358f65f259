package no.xsoffice.mail.contract;

import static no.xsoffice.mail.Api.anonymous;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Every REST Assured call of a @QuarkusTest is checked against openapi/openapi.yaml, without the test asking. */
@QuarkusTest
class OpenApiContractTest {

    @Test
    void shouldBeAmongTheGlobalFiltersOfEveryTest() {
        assertThat(RestAssured.filters()).hasAtLeastOneElementOfType(OpenApiContract.class);
    }

    @Test
    void shouldFailAnExchangeTheDocumentDoesNotDescribe() {
        assertThatThrownBy(() -> asUser(newId("kari"), "acme").get("/api/v1/users/me/not-in-the-document"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("breaks openapi/openapi.yaml");
    }

    @Test
    void shouldLetTheServiceRefuseARequestTheDocumentCallsInvalid() {
        asUser(newId("kari"), "acme").body("""
                { "port": "not a number" }""").put("/api/v1/users/me/smtp-profile")
                .then().statusCode(400);
    }

    @Test
    void shouldLeaveTheQuarkusEndpointsAlone() {
        anonymous().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
