package no.xsoffice.mail.template;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.smtpclient.SmtpSecurity;

/**
 * One provider of the catalogue in {@code provider-templates.json}: the SMTP settings it documents,
 * how to recognise its addresses, how a user signs in, and where each fact was checked.
 */
public record ProviderTemplate(
        String id,
        String name,
        String host,
        int port,
        SmtpSecurity security,
        Text usernameHint,
        List<String> domains,
        List<String> mxPatterns,
        List<SignIn> signInMethods,
        SignIn preferredSignIn,
        Steps steps,
        Text notes,
        Text warning,
        Limits limits,
        List<Source> sources,
        Imap imap,
        boolean filesSentCopy) {

    /** A template without IMAP settings, whose provider does not file submissions in Sent itself. */
    public ProviderTemplate(String id, String name, String host, int port, SmtpSecurity security, Text usernameHint,
            List<String> domains, List<String> mxPatterns, List<SignIn> signInMethods, SignIn preferredSignIn,
            Steps steps, Text notes, Text warning, Limits limits, List<Source> sources) {
        this(id, name, host, port, security, usernameHint, domains, mxPatterns, signInMethods, preferredSignIn, steps,
                notes, warning, limits, sources, null, false);
    }

    @JsonCreator
    public ProviderTemplate {
    }

    /**
     * The provider's IMAP server, where a copy of sent mail is filed (Sent folder), with the page it comes from.
     * {@code security}: SSL_TLS (implicit TLS, imaps) or STARTTLS.
     */
    @Schema(name = "ProviderImap")
    public record Imap(@Schema(examples = "imap.mail.me.com") String host, @Schema(examples = "993") int port,
            SmtpSecurity security, Source source) {
    }

    /** How a user proves who they are to the provider's SMTP server. */
    @Schema(name = "SignInMethod")
    public enum SignIn {
        /** The account's own password (SMTP AUTH PLAIN/LOGIN). */
        PASSWORD,
        /** A separate password generated for one app (Google, Apple, Yahoo, Fastmail, …; Bridge and SMTP tokens too). */
        APP_PASSWORD,
        /** An OAuth 2.0 access token (SASL XOAUTH2). */
        OAUTH
    }

    /** A short text in Norwegian Bokmål and English. */
    public record Text(String nb, String en) {

        public String in(Language language) {
            return language == Language.EN ? en : nb;
        }
    }

    /** Setup steps in Norwegian Bokmål and English. */
    public record Steps(List<String> nb, List<String> en) {

        public List<String> in(Language language) {
            return language == Language.EN ? en : nb;
        }
    }

    /** Where a fact comes from: the provider's public page and the day it was last checked. */
    @Schema(name = "TemplateSource")
    public record Source(
            @Schema(examples = "SMTP server smtp.gmail.com, port 587 (STARTTLS) or 465 (SSL/TLS)") String fact,
            @Schema(examples = "https://support.google.com/mail/answer/7126229") String url,
            @Schema(type = SchemaType.STRING, format = "date",
                    examples = "2026-11-26") LocalDate checked) {
    }

    /**
     * What the provider publishes about how much one account may send through its SMTP server; a limit it does
     * not publish is null. {@code sources} names, for each limit given, the page it comes from.
     */
    @Schema(name = "ProviderLimits", description = "What the provider publishes about how much one account may send"
            + " through its SMTP server; a limit it does not publish is null")
        public record Limits(
            @Schema(description = "SMTP connections one account may have open at once", examples = "3", nullable = true)
            Integer connections,
            @Schema(description = "Messages one account may submit per minute", examples = "30", nullable = true)
            Integer messagesPerMinute,
            @Schema(description = "Recipients (To, Cc and Bcc together) one message may have", examples = "500", nullable = true)
            Integer recipientsPerMessage,
            @Schema(description = "Recipients one account may send to in any 24 hours (a rolling window, every"
                    + " recipient of every message counted)", examples = "10000", nullable = true)
            Integer recipientsPerDay,
            @Schema(description = "For each limit given, by its name, the provider's page it comes from and the day"
                    + " that page was checked")
            Map<String, Source> sources) {

        /** The limits' names, as in the JSON and the API. */
        public static final List<String> NAMES = List.of("connections", "messagesPerMinute", "recipientsPerMessage",
                "recipientsPerDay");

        public Limits {
            sources = sources == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        }

        /** No limit published. */
        public static final Limits NONE = new Limits(null, null, null, null, Map.of());

        /** Each limit given, by name, in the order of {@link #NAMES}. */
        public Map<String, Integer> given() {
            Map<String, Integer> given = new LinkedHashMap<>();
            put(given, "connections", connections);
            put(given, "messagesPerMinute", messagesPerMinute);
            put(given, "recipientsPerMessage", recipientsPerMessage);
            put(given, "recipientsPerDay", recipientsPerDay);
            return given;
        }

        private static void put(Map<String, Integer> given, String name, Integer value) {
            if (value != null) {
                given.put(name, value);
            }
        }
    }

    /** How well {@code domain} matches: the length of the longest served domain it equals or is a subdomain of, 0 for none. */
    int domainMatch(String domain) {
        return longestSuffix(domains, domain);
    }

    /** How well {@code mxHost} matches: the length of the longest MX pattern it ends in on a label boundary, 0 for none. */
    int mxMatch(String mxHost) {
        return longestSuffix(mxPatterns, mxHost);
    }

    private static int longestSuffix(List<String> suffixes, String name) {
        int best = 0;
        for (String suffix : suffixes) {
            if ((name.equals(suffix) || name.endsWith("." + suffix)) && suffix.length() > best) {
                best = suffix.length();
            }
        }
        return best;
    }
}
