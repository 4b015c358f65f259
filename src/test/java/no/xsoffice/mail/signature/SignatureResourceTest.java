package no.xsoffice.mail.signature;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void shouldRejectASignatureWithNulOrAnUnknownFieldNamingIt() {
        me().body("""
                { "newMessage": { "text": "Kari\\u0000" } }""").put(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("newMessage.text"))
                .body("errors[0].message", equalTo("must not contain NUL"));
        me().body("""
                { "replyForward": { "htm": "<p>Kari</p>" } }""").put(PATH).then().statusCode(400)
                .body("errors.field", contains("replyForward.htm"))
                .body("errors[0].message", equalTo("unknown field"));
        me().body("""
                { "replyForward": { "text": 7 } }""").put(PATH).then().statusCode(400)
                .body("errors.field", contains("replyForward.text"));
    }

    @Test
    void shouldRejectStaleWrite() {
        String etag = me().get(PATH).then().extract().header("ETag");
        me().body("""
                { "replyForward": { "text": "K" } }""").put(PATH).then().statusCode(200);
        me().header("If-Match", etag).body("""
                { "replyForward": { "text": "Kari" } }""").put(PATH).then().statusCode(412);
    }

    @ParameterizedTest
    @ValueSource(strings = { "<p>a&#0;b</p>", "<p>a&#x0;b</p>", "<p>a&#0 b</p>", "<p>a&#00000;b</p>" })
    void shouldRefuseANulWrittenAsACharacterReference(String html) {
        me().body(json("""
                { "newMessage": { "html": %s } }""", html)).put(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("newMessage.html"));
    }

    @Test
    void shouldRefuseHtmlThatOutgrowsTheLimitOnceMadeSafe() {
        me().body(json("""
                { "replyForward": { "html": %s } }""", "<".repeat(9_990))).put(PATH).then().statusCode(400)
                .body("errors.field", hasItem("replyForward.html"))
                .body("errors[0].message", containsString("as stored"));
    }

    @Test
    void shouldTakeBackTheLongestSignatureItAnswers() {
        String html = "<p>" + "a &amp; b ".repeat(999) + "</p>";
        me().body(json("""
                { "newMessage": { "html": %s } }""", html)).put(PATH).then().statusCode(200);
        String saved = me().get(PATH).then().statusCode(200).extract().asString();

        me().body(saved).put(PATH).then().statusCode(200).body("newMessage.html", equalTo(html));
    }
}
