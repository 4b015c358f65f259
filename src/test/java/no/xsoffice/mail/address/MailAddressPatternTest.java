package no.xsoffice.mail.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The patterns the API document gives for addresses say what the service accepts, no more and no less. */
class MailAddressPatternTest {

    private static final Pattern NAMED = Pattern.compile(MailAddress.PATTERN);
    private static final Pattern PLAIN = Pattern.compile(MailAddress.PLAIN_PATTERN);

    @ParameterizedTest
    @ValueSource(strings = { "ola@example.com", "Ola Nordmann <ola@example.com>", "\"Nordmann, Ola\" <ola@example.com>",
            "<ola@example.com>", "ola.nordmann+crm@firma.no", "post@bøler.no", "  ola@example.com  ", "Ola <ola@1.2>",
            "o'brien@example.ie", "Å <å@example.no>x" })
    void shouldAgreeOnAddressesWithAndWithoutAName(String text) {
        assertThat(NAMED.matcher(text).matches()).isEqualTo(MailAddress.parse(text).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = { "ola@example.com", " ola@example.com ", "ola@localhost", "ola@example.com.", "ola..n@example.com",
            ".ola@example.com", "ola@-example.com", "ola@@example.com", "Ola <ola@example.com>", "ø@example.com",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com" })
    void shouldAgreeOnBareAddresses(String text) {
        assertThat(PLAIN.matcher(text).matches()).isEqualTo(MailAddress.plain(text.trim()).isPresent());
    }

    @Test
    void shouldAgreeWithTheServiceOnEveryShortTextOfAddressCharacters() {
        assertThat(disagreements("ab.Z9@-<> \"+ø,", NAMED, text -> MailAddress.parse(text).isPresent())).isEmpty();
        assertThat(disagreements("ab.Z9@- +ø_", PLAIN, text -> MailAddress.plain(text.trim()).isPresent())).isEmpty();
    }

    private static List<String> disagreements(String alphabet, Pattern pattern, Predicate<String> service) {
        Random random = new Random(20261206);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(14);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            if (!t.isBlank() && pattern.matcher(t).matches() != service.test(t)) {
                found.add(t);
            }
        }
        return found;
    }
}
