package no.xsoffice.mail.signature;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;


import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class SignatureResourceTest {

    private static final String PATH = "/api/v1/users/me/signatures";

    private final String user = newId("user");
    private final String org = newId("org");

    private RequestSpecification me() {
        return asUser(user, org);
    }

    @Test
    void shouldAnswerNoSignaturesBeforeAnyAreSaved() {
        me().get(PATH).then().statusCode(200).body("newMessage", nullValue()).body("replyForward", nullValue());
    }

    @Test
    void shouldSaveBothSignatures() {
        me().body("""
                { "newMessage": { "text": "Kari Nordmann\\nXS Office AS", "html": "<p><b>Kari</b></p>" },
                  "replyForward": { "text": "Kari" } }""").put(PATH).then().statusCode(200);
        me().get(PATH).then().statusCode(200)
                .body("newMessage.text", equalTo("Kari Nordmann\nXS Office AS"))
                .body("newMessage.html", equalTo("<p><b>Kari</b></p>"))
                .body("replyForward.text", equalTo("Kari"))
                .body("replyForward.html", nullValue());
    }

    @Test
    void shouldSanitiseHtmlAndDeriveText() {
        me().body("""
                { "newMessage": { "html": "<p onmouseover=\\"x()\\"><b>Kari</b><br><a href=\\"javascript:alert(1)\\">klikk</a><script>alert(1)</script></p>" } }""")
                .put(PATH).then().statusCode(200)
                .body("newMessage.html", not(containsString("script")))
                .body("newMessage.html", not(containsString("onmouseover")))
                .body("newMessage.html", not(containsString("javascript")))
                .body("newMessage.html", containsString("<b>Kari</b>"))
                .body("newMessage.text", equalTo("Kari\nklikk"));
    }

    @Test
    void shouldRejectSignatureOverTheSizeLimit() {
        me().body(json("""
                { "newMessage": { "text": %s }, "replyForward": { "html": %s } }""",
                "x".repeat(SignatureService.MAX_LENGTH + 1), "<p>" + "y".repeat(SignatureService.MAX_LENGTH) + "</p>"))
                .put(PATH).then().statusCode(400)
                .body("errors.field", hasItem("newMessage.text"))
                .body("errors.field", hasItem("replyForward.html"));
    }

    @Test
    void shouldRejectStaleWrite() {
        String etag = me().get(PATH).then().extract().header("ETag");
        me().body("""
                { "replyForward": { "text": "K" } }""").put(PATH).then().statusCode(200);
        me().header("If-Match", etag).body("""
                { "replyForward": { "text": "Kari" } }""").put(PATH).then().statusCode(412);
    }
}
