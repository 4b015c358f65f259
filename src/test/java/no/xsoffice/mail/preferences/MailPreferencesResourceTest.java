package no.xsoffice.mail.preferences;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.json;
import static no.xsoffice.mail.Api.newId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class MailPreferencesResourceTest {

    private static final String PATH = "/api/v1/users/me/mail-preferences";

    private final String user = newId("user");
    private final String org = newId("org");

    private RequestSpecification me() {
        return asUser(user, org);
    }

    @Test
    void shouldSaveAndClearDefaultBcc() {
        me().get(PATH).then().statusCode(200).body("defaultBcc", nullValue());
        me().body("""
                { "defaultBcc": "arkiv@firma.no" }""").put(PATH).then().statusCode(200)
                .body("defaultBcc", equalTo("arkiv@firma.no"));
        Map<String, Object> none = new HashMap<>();
        none.put("defaultBcc", null);
        me().body(none).put(PATH).then().statusCode(200).body("defaultBcc", nullValue());
    }

    @Test
    void shouldRejectInvalidAddress() {
        for (String bad : new String[] { "arkiv", "arkiv@", "arkiv@firma", "a b@firma.no", "arkiv@firma.no\r\nBcc: x@evil.example" }) {
            me().body(json("""
                    { "defaultBcc": %s }""", bad)).put(PATH).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("defaultBcc"));
        }
    }
}
