package no.xsoffice.mail.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProviderTemplateLanguageTest {

    @Test
    void shouldDefaultToBokmal() {
        assertEquals(Language.NB, Language.of(null));
        assertEquals(Language.NB, Language.of(""));
        assertEquals(Language.NB, Language.of("de-DE, fr;q=0.8"));
        assertEquals(Language.NB, Language.of("*"));
    }

    @Test
    void shouldTakeTheFirstKnownLanguageByQuality() {
        assertEquals(Language.EN, Language.of("en"));
        assertEquals(Language.EN, Language.of("en-GB,en;q=0.9"));
        assertEquals(Language.EN, Language.of("de, en;q=0.8, nb;q=0.5"));
        assertEquals(Language.NB, Language.of("nn-NO, en;q=0.8"));
        assertEquals(Language.NB, Language.of("no"));
        assertEquals(Language.NB, Language.of("en;q=0.4, nb;q=0.9"));
    }

    @Test
    void shouldIgnoreRefusedAndMalformedRanges() {
        assertEquals(Language.NB, Language.of("en;q=0"));
        assertEquals(Language.EN, Language.of("nb;q=zero, en"));
    }
}
