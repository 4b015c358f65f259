package no.xsoffice.mail.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.template.ProviderTemplate.SignIn;

/** The catalogue's content: complete, in both languages, sourced, and free of advice that no longer works. */
class ProviderTemplateCatalogueTest {

    private static final List<String> NAMED = List.of("gmail", "google-workspace", "outlook", "microsoft365", "yahoo",
            "aol", "icloud", "zoho", "fastmail", "gmx", "proton-bridge", "domeneshop", "one-com", "altibox", "telenor");

    private final TemplateCatalogue catalogue = new TemplateCatalogue(
            new ObjectMapper().findAndRegisterModules().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    @Test
    void shouldHoldAtLeastTheNamedProviders() {
        assertThat(catalogue.all()).as("at least 15 providers").hasSizeGreaterThanOrEqualTo(15);
        NAMED.forEach(id -> assertThat(catalogue.find(id)).as(id + " is missing").isPresent());
    }

    @Test
    void shouldGiveEveryEntryStepsInBothLanguagesAndAtLeastOneDatedSource() {
        for (ProviderTemplate t : catalogue.all()) {
            assertThat(t.steps().nb()).as(t.id() + " nb steps").isNotEmpty();
            assertThat(t.steps().en()).as(t.id() + " en steps").isNotEmpty();
            assertThat(t.usernameHint().nb()).as(t.id() + " nb username hint").isNotBlank();
            assertThat(t.usernameHint().en()).as(t.id() + " en username hint").isNotBlank();
            assertThat(t.sources()).as(t.id() + " sources").isNotEmpty();
            t.sources().forEach(s -> {
                assertThat(s.url()).as(t.id() + " " + s.url()).startsWith("https://");
                assertThat(s.checked()).as(t.id() + " checked").isNotNull().isAfterOrEqualTo(LocalDate.of(2026, 1, 1));
            });
        }
    }

    @Test
    void shouldGiveNoAdviceThatNoLongerWorks() {
        for (ProviderTemplate t : catalogue.all()) {
            Stream.of(t.steps().nb(), t.steps().en()).flatMap(List::stream).map(s -> s.toLowerCase(Locale.ROOT)).forEach(step -> {
                assertThat(step).as(t.id() + ": " + step).doesNotContain("less secure");
                assertThat(step).as(t.id() + ": " + step).doesNotContain("mindre sikre");
                assertThat(step).as(t.id() + ": " + step).doesNotContain("displayunlockcaptcha");
                assertThat(step).as(t.id() + ": " + step).doesNotContain("lesssecureapps");
            });
        }
    }

    @Test
    void shouldLetGmailSignInWithAppPasswordOrOauthButNotThePassword() {
        ProviderTemplate gmail = catalogue.find("gmail").orElseThrow();
        assertThat(gmail.signInMethods()).containsAll(List.of(SignIn.APP_PASSWORD, SignIn.OAUTH));
        assertThat(gmail.signInMethods()).doesNotContain(SignIn.PASSWORD);
        assertEquals("smtp.gmail.com", gmail.host());
    }

    @Test
    void shouldSteerMicrosoft365ToOauthAndNameTheRefusal() {
        ProviderTemplate m365 = catalogue.find("microsoft365").orElseThrow();
        assertEquals(SignIn.OAUTH, m365.preferredSignIn());
        assertThat(m365.notes().nb()).contains("5.7.30");
        assertThat(m365.notes().en()).contains("5.7.30");
        assertEquals("smtp.office365.com", m365.host());
        assertEquals(587, m365.port());
        assertEquals(SmtpSecurity.STARTTLS, m365.security());
    }

    @Test
    void shouldOfferOnlyOauthForOutlookDotCom() {
        assertEquals(List.of(SignIn.OAUTH), catalogue.find("outlook").orElseThrow().signInMethods());
    }

    @Test
    void shouldMatchDomainsAndTheirSubdomainsButNotLookalikes() {
        assertEquals("gmail", catalogue.forDomain("gmail.com").orElseThrow().id());
        assertEquals("outlook", catalogue.forDomain("HOTMAIL.com").orElseThrow().id());
        assertEquals("microsoft365", catalogue.forDomain("firma.onmicrosoft.com").orElseThrow().id());
        assertThat(catalogue.forDomain("notgmail.com")).isEmpty();
        assertThat(catalogue.forDomain("firma.no")).isEmpty();
    }

    @Test
    void shouldMatchMxHostsOnLabelBoundaries() {
        assertEquals("google-workspace", catalogue.forMxHost("aspmx.l.google.com").orElseThrow().id());
        assertEquals("google-workspace", catalogue.forMxHost("smtp.google.com.").orElseThrow().id());
        assertEquals("microsoft365", catalogue.forMxHost("firma-no.mail.protection.outlook.com").orElseThrow().id());
        assertEquals("outlook", catalogue.forMxHost("hotmail-com.olc.protection.outlook.com").orElseThrow().id());
        assertThat(catalogue.forMxHost("mx.notgoogle.com")).isEmpty();
    }

    @Test
    void shouldMatchAolByItsDomainThoughItsMailServersAreYahoos() {
        assertEquals("aol", catalogue.forDomain("aol.com").orElseThrow().id());
        assertEquals("aol", catalogue.forDomain("AIM.com").orElseThrow().id());
        assertEquals("yahoo", catalogue.forMxHost("mx-aol.mail.gm0.yahoodns.net").orElseThrow().id());
        ProviderTemplate aol = catalogue.find("aol").orElseThrow();
        assertEquals("smtp.aol.com", aol.host());
        assertEquals(List.of(SignIn.APP_PASSWORD), aol.signInMethods());
    }

    @Test
    void shouldGiveMicrosoft365ThePublishedSubmissionLimitsEachWithItsSource() {
        ProviderTemplate.Limits limits = catalogue.find("microsoft365").orElseThrow().limits();
        assertEquals(3, limits.connections());
        assertEquals(30, limits.messagesPerMinute());
        assertEquals(500, limits.recipientsPerMessage());
        assertEquals(10_000, limits.recipientsPerDay());
        assertEquals(Set.copyOf(ProviderTemplate.Limits.NAMES), limits.sources().keySet());
    }

    @Test
    void shouldGiveEachProviderOnlyTheLimitsItPublishes() {
        assertEquals(Map.of("recipientsPerMessage", 100, "recipientsPerDay", 10_000),
                catalogue.find("google-workspace").orElseThrow().limits().given());
        assertEquals(Map.of("recipientsPerMessage", 100, "recipientsPerDay", 500),
                catalogue.find("gmail").orElseThrow().limits().given());
        assertEquals(Map.of("messagesPerMinute", 50, "recipientsPerMessage", 100),
                catalogue.find("domeneshop").orElseThrow().limits().given());
        assertEquals(Map.of(), catalogue.find("yahoo").orElseThrow().limits().given());
    }

    @Test
    void shouldWarnThatDomeneshopAllowsNoAutomatedSending() {
        ProviderTemplate domeneshop = catalogue.find("domeneshop").orElseThrow();
        assertThat(domeneshop.warning().nb()).contains("0");
        assertThat(domeneshop.warning().en()).contains("Automated sending");
        assertThat(catalogue.all()).filteredOn(t -> t.warning() != null).extracting(ProviderTemplate::id)
                .containsExactly("domeneshop");
    }

    @Test
    void shouldSayOutlookDotComRefusesPasswordsSinceSeptember2024() {
        ProviderTemplate outlook = catalogue.find("outlook").orElseThrow();
        assertEquals(SignIn.OAUTH, outlook.preferredSignIn());
        assertThat(outlook.steps().en().get(0)).contains("16 September 2024");
        assertThat(outlook.notes().nb()).contains("16. september 2024");
    }

    @Test
    void shouldTellMicrosoft365UsersThatPort465IsNotOfferedAndWhatBlocksSmtpAuth() {
        ProviderTemplate m365 = catalogue.find("microsoft365").orElseThrow();
        assertThat(m365.notes().en()).contains("port 465", "Conditional Access", "27 January 2026");
        assertThat(m365.sources()).anyMatch(s -> s.url().endsWith("/4489835"));
    }

    @Test
    void shouldRefuseLimitsOutOfRangeOrWithoutTheirSource() {
        ProviderTemplate gmail = catalogue.find("gmail").orElseThrow();
        ProviderTemplate.Source source = new ProviderTemplate.Source("limit", "https://example.com", LocalDate.of(2026, 12, 1));
        List<String> problems = TemplateCatalogue.problems(List.of(
                withLimits(gmail, "zero", new ProviderTemplate.Limits(0, null, null, null, Map.of("connections", source))),
                withLimits(gmail, "huge", new ProviderTemplate.Limits(null, null, null, 1_000_001,
                        Map.of("recipientsPerDay", source))),
                withLimits(gmail, "unsourced", new ProviderTemplate.Limits(null, 30, null, null, Map.of())),
                withLimits(gmail, "stray", new ProviderTemplate.Limits(null, null, null, null, Map.of("connections", source))),
                withLimits(gmail, "missing", null),
                withLimits(gmail, "sound", new ProviderTemplate.Limits(1, 1_000_000, null, null,
                        Map.of("connections", source, "messagesPerMinute", source)))));
        assertEquals(List.of(
                "zero: needs limits.connections within 1–1000000",
                "huge: needs limits.recipientsPerDay within 1–1000000",
                "unsourced: needs a source for limits.messagesPerMinute, with a fact, an https URL and the date it was checked",
                "stray: limits.sources.connections names no limit given",
                "missing: needs limits (an empty object when the provider publishes none)"), problems);
    }

    @Test
    void shouldRefuseDuplicateIdsAndMissingLanguagesWithEveryProblemNamed() {
        List<ProviderTemplate> broken = new ArrayList<>(catalogue.all());
        ProviderTemplate gmail = catalogue.find("gmail").orElseThrow();
        broken.add(gmail);
        broken.add(copy(gmail, "Gmail-Copy", new ProviderTemplate.Steps(gmail.steps().nb(), List.of())));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TemplateCatalogue(broken));
        assertThat(e.getMessage()).contains("gmail: id is used twice");
        assertThat(e.getMessage()).contains("Gmail-Copy: id must be a lowercase slug");
        assertThat(e.getMessage()).contains("Gmail-Copy: needs steps in nb and en");
    }

    @Test
    void shouldRefuseASourceWithoutItsDate() {
        ProviderTemplate gmail = catalogue.find("gmail").orElseThrow();
        ProviderTemplate undated = new ProviderTemplate("undated", gmail.name(), gmail.host(), gmail.port(), gmail.security(),
                gmail.usernameHint(), List.of(), List.of(), gmail.signInMethods(), gmail.preferredSignIn(), gmail.steps(),
                null, null, ProviderTemplate.Limits.NONE, List.of(new ProviderTemplate.Source("host", "https://example.com", null)));
        assertEquals(List.of("undated: needs at least one source, each with a fact, an https URL and the date it was checked"),
                TemplateCatalogue.problems(List.of(undated)));
        ProviderTemplate dated = new ProviderTemplate("dated", gmail.name(), gmail.host(), gmail.port(), gmail.security(),
                gmail.usernameHint(), List.of(), List.of(), gmail.signInMethods(), gmail.preferredSignIn(), gmail.steps(),
                null, null, ProviderTemplate.Limits.NONE,
                List.of(new ProviderTemplate.Source("host", "https://example.com", LocalDate.of(2026, 11, 26))));
        assertEquals(List.of(), TemplateCatalogue.problems(List.of(dated)));
    }

    private static ProviderTemplate copy(ProviderTemplate t, String id, ProviderTemplate.Steps steps) {
        return new ProviderTemplate(id, t.name(), t.host(), t.port(), t.security(), t.usernameHint(), List.of(),
                t.mxPatterns(), t.signInMethods(), t.preferredSignIn(), steps, t.notes(), t.warning(), t.limits(), t.sources());
    }

    private static ProviderTemplate withLimits(ProviderTemplate t, String id, ProviderTemplate.Limits limits) {
        return new ProviderTemplate(id, t.name(), t.host(), t.port(), t.security(), t.usernameHint(), List.of(),
                List.of(), t.signInMethods(), t.preferredSignIn(), t.steps(), t.notes(), t.warning(), limits, t.sources());
    }
}
