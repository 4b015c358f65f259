package no.xsoffice.mail.template;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The languages the catalogue is written in, chosen by {@code Accept-Language}; Norwegian Bokmål unless asked otherwise. */
public enum Language {
    NB("nb"),
    EN("en");

    public final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /**
     * The first language of an {@code Accept-Language} header, by quality, that the catalogue has:
     * nb, nn and no answer Bokmål (Nynorsk readers read it better than English), en answers English.
     * No header, or none of these, answers Bokmål.
     */
    public static Language of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return NB;
        }
        return Arrays.stream(acceptLanguage.split(","))
                .map(Range::parse)
                .flatMap(Optional::stream)
                .filter(range -> range.quality > 0)
                .sorted(Comparator.comparingDouble((Range range) -> range.quality).reversed())
                .map(range -> known(range.primary))
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(NB);
    }

    private static Optional<Language> known(String primary) {
        return switch (primary) {
            case "nb", "nn", "no" -> Optional.of(NB);
            case "en" -> Optional.of(EN);
            default -> Optional.empty();
        };
    }

    private record Range(String primary, double quality) {

        static Optional<Range> parse(String part) {
            String[] pieces = part.trim().split(";");
            String tag = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (tag.isEmpty()) {
                return Optional.empty();
            }
            double quality = 1;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
            }
            int dash = tag.indexOf('-');
            return Optional.of(new Range(dash < 0 ? tag : tag.substring(0, dash), quality));
        }
    }
}
