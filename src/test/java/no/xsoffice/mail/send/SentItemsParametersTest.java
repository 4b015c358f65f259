package no.xsoffice.mail.send;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Sent items' query parameters: a value of the wrong kind is a 400 that names the parameter, never a 404. */
@QuarkusTest
class SentItemsParametersTest {

    private static final String MESSAGES = "/api/v1/users/me/messages";

    private static RequestSpecification me() {
        return asUser(newId("kari"), "acme");
    }

    @Test
    void shouldRejectAStatusThatIsNoStatus() {
        me().queryParam("status", "BOGUS").get(MESSAGES).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"))
                .body("errors[0].message", containsString("SENT"));
    }

    @Test
    void shouldRejectAStatusInLowerCase() {
        me().queryParam("status", "sent").get(MESSAGES).then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void shouldRejectAPageThatIsNoNumber() {
        me().queryParam("page", "abc").get(MESSAGES).then().statusCode(400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void shouldRejectASizeThatIsNoNumber() {
        me().queryParam("size", "ten").get(MESSAGES).then().statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void shouldRejectANegativePage() {
        me().queryParam("page", "-1").get(MESSAGES).then().statusCode(400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void shouldListTheLastPageThereIsWithTheLargestSize() {
        me().queryParam("page", MessageService.MAX_PAGE).queryParam("size", MessageService.MAX_PAGE_SIZE).get(MESSAGES)
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void shouldRejectAPagePastTheLastOneRatherThanOverflowTheOffset() {
        me().queryParam("page", "21474837").queryParam("size", "100").get(MESSAGES).then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }

    @Test
    void shouldRejectAPageOverTheLargestWholeNumber() {
        me().queryParam("page", "2147483648").get(MESSAGES).then().statusCode(400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void shouldListWithEveryParameterGiven() {
        me().queryParam("status", "SENT").queryParam("page", "0").queryParam("size", "5").get(MESSAGES).then()
                .statusCode(200).body("size()", equalTo(0));
    }
}
