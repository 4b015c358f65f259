package no.xsoffice.mail.template;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.DnsServerResource;
import no.xsoffice.mail.GreenMailResource;

/** The template lookup asks the resolvers of {@code MAIL_DNS_SERVERS} for MX records: here the tests' own DNS server. */
@QuarkusTest
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = DnsServerResource.class, scope = TestResourceScope.GLOBAL)
class ProviderTemplateDnsLookupTest {

    private static final String LOOKUP = "/api/v1/provider-templates/lookup";

    @Inject
    MxResolver mx;

    @Inject
    TemplateConfig config;

    private RequestSpecification user() {
        return asUser(newId("user"), newId("org"));
    }

    @Test
    void shouldFindTheProviderByTheMxRecordTheConfiguredResolverPublishes() {
        DnsServerResource.mx("firma-test.example", 20, "firma-test-example.mail.protection.outlook.com.");
        DnsServerResource.mx("firma-test.example", 10, "aspmx.l.google.com.");
        user().queryParam("email", "kari@firma-test.example").get(LOOKUP).then().statusCode(200)
                .body("id", equalTo("google-workspace"))
                .body("matchedBy", equalTo("MX"));
        assertThat(mx.mxHosts("firma-test.example"))
                .containsExactly("aspmx.l.google.com", "firma-test-example.mail.protection.outlook.com");
    }

    @Test
    void shouldFindNoProviderForADomainWhoseResolverIsSilentWithinTheLookupsTimeout() {
        DnsServerResource.silent("stille-test.example");
        long started = System.nanoTime();
        user().queryParam("email", "kari@stille-test.example").get(LOOKUP).then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(config.mxTimeout().plusSeconds(1));
        assertThat(mx.mxHosts("stille-test.example")).isEmpty();
    }

    @Test
    void shouldFindNoProviderForADomainWithTheNullMx() {
        DnsServerResource.mx("ingen-post-test.example", 0, ".");
        user().queryParam("email", "kari@ingen-post-test.example").get(LOOKUP).then().statusCode(404);
        assertThat(mx.mxHosts("ingen-post-test.example")).isEmpty();
    }
}
