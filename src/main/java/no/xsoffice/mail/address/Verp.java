package no.xsoffice.mail.address;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-message envelope sender of relay mail (VERP): {@code b-} and the message's id in 32 hex digits, so a
 * returned mail names its message whatever it quotes. One envelope carries all of a message's recipients, so the
 * recipient is read from the notification itself (its {@code Final-Recipient}). Pure.
 */
public final class Verp {

    private static final Pattern TOKEN = Pattern.compile("(?i)(?:^|[<\\s,:])b-([0-9a-f]{32})@");

    private Verp() {
    }

    public static String localPart(UUID messageId) {
        return "b-" + messageId.toString().replace("-", "");
    }

    /** The message an address (or a header holding one) names, if it is a VERP address. */
    public static Optional<UUID> messageOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(address.trim());
        if (!m.find()) {
            return Optional.empty();
        }
        String hex = m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16)
                + "-" + hex.substring(16, 20) + "-" + hex.substring(20)));
    }
}
