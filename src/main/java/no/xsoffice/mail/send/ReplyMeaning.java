package no.xsoffice.mail.send;

import java.util.regex.Pattern;

/**
 * What an SMTP reply means for the mail it answers. Providers answer some temporary conditions with 5xx codes (a
 * daily quota, a submission limit): those wait, never fail. Sign-in configuration refusals hold the owner's mail as
 * a 535 does, until the settings are saved again.
 */
enum ReplyMeaning {
    ACCEPTED,
    /** A temporary failure: try again later. */
    RETRY,
    /** A provider's sending quota (Gmail 550 5.4.5, Microsoft SubmissionQuotaExceeded, 550 5.7.233). */
    QUOTA,
    /** A provider's rate limit (Gmail 421 4.7.0, 450 4.2.1, 452 4.5.3). */
    RATE,
    /** Too many connections at once (Microsoft 432 4.3.2). */
    CONNECTIONS,
    /** The server refused the credentials or the account's sign-in settings (535, 5.7.139, 5.7.57, 5.7.30, 5.7.60). */
    CREDENTIALS,
    /** Refused for good. */
    REFUSED;

    private static final Pattern QUOTA_REPLY = Pattern.compile(
            "^(550[ -]5\\.4\\.5|550[ -]5\\.7\\.233|554[ -]5\\.2\\.0.*SubmissionQuotaExceeded)", Pattern.DOTALL);
    private static final Pattern RATE_REPLY = Pattern.compile("^(421[ -]4\\.7\\.0|450[ -]4\\.2\\.1|452[ -]4\\.5\\.3)");
    private static final Pattern CONNECTIONS_REPLY = Pattern.compile("^432[ -]4\\.3\\.2");
    private static final Pattern SIGN_IN_REPLY = Pattern.compile("^(535|5\\d\\d[ -]5\\.7\\.(139|57|30|60)\\b)");

    /** The meaning of a reply, given as its code and its whole text ("550 5.4.5 Daily user sending limit …"). */
    static ReplyMeaning of(int code, String text) {
        String reply = text == null ? String.valueOf(code) : text;
        if (code >= 200 && code < 400) {
            return ACCEPTED;
        }
        if (QUOTA_REPLY.matcher(reply).find()) {
            return QUOTA;
        }
        if (RATE_REPLY.matcher(reply).find()) {
            return RATE;
        }
        if (CONNECTIONS_REPLY.matcher(reply).find()) {
            return CONNECTIONS;
        }
        if (SIGN_IN_REPLY.matcher(reply).find()) {
            return CREDENTIALS;
        }
        return code >= 400 && code < 500 ? RETRY : REFUSED;
    }

    /** Whether mail answered so waits and is tried again (rather than failing or being held). */
    boolean waits() {
        return this == RETRY || this == QUOTA || this == RATE || this == CONNECTIONS;
    }
}
