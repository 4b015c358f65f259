package no.xsoffice.mail.template;

import static no.xsoffice.mail.Api.anonymous;
import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ProviderTemplateResourceTest {

    private static final String PATH = "/api/v1/provider-templates";

    /** DNS as the tests see it: no network, only these answers. */
    private static final Map<String, List<String>> MX = Map.of(
            "kunde.no", List.of("aspmx.l.google.com", "alt1.aspmx.l.google.com"),
            "firma365.no", List.of("firma365-no.mail.protection.outlook.com"),
            "egen-server.no", List.of("mx.egen-server.no"),
            "aol.com", List.of("mx-aol.mail.gm0.yahoodns.net"));

    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void localDns() {
        QuarkusMock.installMockForType(new MxResolver(null, null) {
            @Override
            public List<String> mxHosts(String domain) {
                asked.add(domain);
                return MX.getOrDefault(domain, List.of());
            }
        }, MxResolver.class);
    }

    private RequestSpecification user() {
        return asUser(newId("user"), newId("org"));
    }

    @Test
    void shouldListTemplatesInBokmalByDefault() {
        user().get(PATH).then().statusCode(200)
                .header("Content-Language", "nb")
                .body("size()", greaterThanOrEqualTo(14))
                .body("id", hasItems("gmail", "outlook", "microsoft365", "domeneshop", "telenor"))
                .body("find { it.id == 'gmail' }.steps[0]", startsWith("Anbefalt"))
                .body("find { it.id == 'gmail' }.usernameHint", startsWith("Hele Gmail-adressen"))
                .body("matchedBy", everyItem(nullValue()));
    }

    @Test
    void shouldListTemplatesInEnglishWhenAsked() {
        user().header("Accept-Language", "en-GB,en;q=0.9").get(PATH).then().statusCode(200)
                .header("Content-Language", "en")
                .body("find { it.id == 'gmail' }.steps[0]", startsWith("Recommended"));
    }

    @Test
    void shouldReadOneTemplate() {
        user().get(PATH + "/microsoft365").then().statusCode(200)
                .header("Content-Language", "nb")
                .body("host", equalTo("smtp.office365.com"))
                .body("port", equalTo(587))
                .body("security", equalTo("STARTTLS"))
                .body("preferredSignIn", equalTo("OAUTH"))
                .body("sources[0].checked", equalTo("2026-12-01"))
                .body("mxPatterns", nullValue());
        as(newId("svc"), newId("org"), "service").header("Accept-Language", "en").get(PATH + "/gmail").then()
                .statusCode(200).body("signInMethods", not(hasItem("PASSWORD"))).body("notes", notNullValue());
    }

    @Test
    void shouldAnswerUnknownTemplateWithNotFoundProblem() {
        user().get(PATH + "/hotmail2000").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void shouldFindGmailByTheAddressDomainWithoutAskingDns() {
        user().queryParam("email", "kari@gmail.com").get(PATH + "/lookup").then().statusCode(200)
                .body("id", equalTo("gmail"))
                .body("matchedBy", equalTo("DOMAIN"));
        assertEquals(List.of(), asked);
    }

    @Test
    void shouldFindAolByItsDomainBeforeItsYahooMailServers() {
        user().queryParam("email", "kari@aol.com").get(PATH + "/lookup").then().statusCode(200)
                .body("id", equalTo("aol"))
                .body("host", equalTo("smtp.aol.com"))
                .body("matchedBy", equalTo("DOMAIN"));
        assertEquals(List.of(), asked);
    }

    @Test
    void shouldShowTheLimitsAndTheirSources() {
        user().get(PATH + "/microsoft365").then().statusCode(200)
                .body("limits.connections", equalTo(3))
                .body("limits.messagesPerMinute", equalTo(30))
                .body("limits.recipientsPerMessage", equalTo(500))
                .body("limits.recipientsPerDay", equalTo(10000))
                .body("limits.sources.connections.url", startsWith("https://learn.microsoft.com/"))
                .body("limits.sources.connections.checked", equalTo("2026-12-01"))
                .body("warning", nullValue());
        user().get(PATH + "/yahoo").then().statusCode(200) // publishes none: each limit null, no sources
                .body("limits.connections", nullValue())
                .body("limits.messagesPerMinute", nullValue())
                .body("limits.recipientsPerMessage", nullValue())
                .body("limits.recipientsPerDay", nullValue())
                .body("limits.sources.size()", equalTo(0));
    }

    @Test
    void shouldCarryDomeneshopsWarningInTheAskedLanguage() {
        user().get(PATH + "/domeneshop").then().statusCode(200)
                .body("warning", startsWith("Domeneshop tillater"))
                .body("limits.recipientsPerMessage", equalTo(100))
                .body("limits.connections", nullValue());
        user().header("Accept-Language", "en").get(PATH + "/domeneshop").then().statusCode(200)
                .body("warning", startsWith("Domeneshop allows"));
    }

    @Test
    void shouldFindCompanyDomainsByTheirMailServers() {
        user().queryParam("email", "ola@kunde.no").get(PATH + "/lookup").then().statusCode(200)
                .body("id", equalTo("google-workspace"))
                .body("matchedBy", equalTo("MX"));
        user().header("Accept-Language", "en").queryParam("email", "Ola@Firma365.NO").get(PATH + "/lookup").then()
                .statusCode(200)
                .header("Content-Language", "en")
                .body("id", equalTo("microsoft365"))
                .body("matchedBy", equalTo("MX"));
    }

    @Test
    void shouldAnswerNotFoundWhenNothingMatches() {
        user().queryParam("email", "post@egen-server.no").get(PATH + "/lookup").then().statusCode(404)
                .contentType("application/problem+json");
        user().queryParam("email", "post@ukjent.no").get(PATH + "/lookup").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRejectMalformedOrMissingAddressNamingTheField() {
        for (String bad : new String[] { "kari", "kari@", "kari@gmail", "a b@gmail.com", "kari@gmail.com\r\nX: y" }) {
            user().queryParam("email", bad).get(PATH + "/lookup").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("email"));
        }
        user().get(PATH + "/lookup").then().statusCode(400).body("errors[0].field", equalTo("email"));
    }

    @Test
    void shouldRequireAToken() {
        anonymous().get(PATH).then().statusCode(401).contentType("application/problem+json");
        anonymous().get(PATH + "/gmail").then().statusCode(401);
        anonymous().queryParam("email", "kari@gmail.com").get(PATH + "/lookup").then().statusCode(401);
    }
}
