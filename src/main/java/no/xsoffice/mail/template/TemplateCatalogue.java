package no.xsoffice.mail.template;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntBiFunction;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Startup;
import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.smtpclient.SmtpSecurity;

/**
 * The provider catalogue, read from {@code provider-templates.json} once at start-up. A catalogue that
 * breaks a rule (duplicate or malformed id, a language missing, a fact without its source, …) stops
 * the service from starting, with every broken rule in the message.
 */
@Startup
@ApplicationScoped
public class TemplateCatalogue {

    static final String RESOURCE = "provider-templates.json";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_ID_LENGTH = 40;
    static final int MIN_LIMIT = 1;
    static final int MAX_LIMIT = 1_000_000;

    private final List<ProviderTemplate> templates;
    private final Map<String, ProviderTemplate> byId = new HashMap<>();

    @Inject
    public TemplateCatalogue(ObjectMapper json) {
        this(read(json));
    }

    TemplateCatalogue(List<ProviderTemplate> templates) {
        List<String> problems = problems(templates);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The provider catalogue " + RESOURCE + " is invalid: "
                    + String.join("; ", problems));
        }
        this.templates = List.copyOf(templates);
        this.templates.forEach(t -> byId.put(t.id(), t));
    }

    /** Every template, in the catalogue's order. */
    public List<ProviderTemplate> all() {
        return templates;
    }

    public Optional<ProviderTemplate> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The template serving {@code domain} or a parent of it; the most specific one when several do. */
    public Optional<ProviderTemplate> forDomain(String domain) {
        return best(domain, ProviderTemplate::domainMatch);
    }

    /** The template whose MX patterns {@code host} ends in; the most specific one when several do. */
    public Optional<ProviderTemplate> forMxHost(String host) {
        return best(host, ProviderTemplate::mxMatch);
    }

    private Optional<ProviderTemplate> best(String name, ToIntBiFunction<ProviderTemplate, String> match) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String normal = name.toLowerCase(Locale.ROOT);
        normal = normal.endsWith(".") ? normal.substring(0, normal.length() - 1) : normal;
        ProviderTemplate best = null;
        int bestLength = 0;
        for (ProviderTemplate template : templates) {
            int length = match.applyAsInt(template, normal);
            if (length > bestLength) {
                best = template;
                bestLength = length;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The ids of the catalogue's templates, read without the service running (the API document lists them). */
    public static List<String> ids() {
        return read(new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).stream()
                .map(ProviderTemplate::id).toList();
    }

    private static List<ProviderTemplate> read(ObjectMapper json) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The provider catalogue " + RESOURCE + " is missing from the class path");
            }
            return json.readValue(in, new TypeReference<List<ProviderTemplate>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("The provider catalogue " + RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every rule the catalogue breaks, each naming the template; empty when it is sound. */
    static List<String> problems(List<ProviderTemplate> templates) {
        List<String> problems = new ArrayList<>();
        if (templates == null || templates.isEmpty()) {
            return List.of("it has no templates");
        }
        Set<String> ids = new HashSet<>();
        Map<String, String> domainOwners = new HashMap<>();
        for (int i = 0; i < templates.size(); i++) {
            ProviderTemplate t = templates.get(i);
            if (t == null) {
                problems.add("entry " + i + " is null");
                continue;
            }
            String id = t.id() == null ? "entry " + i : t.id();
            if (t.id() == null || !SLUG.matcher(t.id()).matches() || t.id().length() > MAX_ID_LENGTH) {
                problems.add(id + ": id must be a lowercase slug (a-z, 0-9 and single hyphens, at most "
                        + MAX_ID_LENGTH + " characters)");
            } else if (!ids.add(t.id())) {
                problems.add(id + ": id is used twice");
            }
            require(problems, id, "name", !blank(t.name()));
            require(problems, id, "host", !blank(t.host()));
            require(problems, id, "port (1–65535)", t.port() >= 1 && t.port() <= 65535);
            require(problems, id, "security", t.security() != null);
            require(problems, id, "usernameHint in nb and en",
                    t.usernameHint() != null && !blank(t.usernameHint().nb()) && !blank(t.usernameHint().en()));
            require(problems, id, "steps in nb and en", t.steps() != null && filled(t.steps().nb()) && filled(t.steps().en()));
            if (t.notes() != null) {
                require(problems, id, "notes in both nb and en", !blank(t.notes().nb()) && !blank(t.notes().en()));
            }
            if (t.warning() != null) {
                require(problems, id, "warning in both nb and en", !blank(t.warning().nb()) && !blank(t.warning().en()));
            }
            limitProblems(problems, id, t.limits());
            if (t.imap() != null) {
                require(problems, id, "imap with a host, a port (1–65535), security SSL_TLS or STARTTLS and a sound source",
                        !blank(t.imap().host()) && t.imap().port() >= 1 && t.imap().port() <= 65535
                                && (t.imap().security() == SmtpSecurity.SSL_TLS || t.imap().security() == SmtpSecurity.STARTTLS)
                                && sound(t.imap().source()));
            }
            require(problems, id, "at least one sign-in method", t.signInMethods() != null && !t.signInMethods().isEmpty()
                    && !t.signInMethods().contains(null));
            require(problems, id, "preferredSignIn among its signInMethods",
                    t.preferredSignIn() != null && t.signInMethods() != null && t.signInMethods().contains(t.preferredSignIn()));
            require(problems, id, "at least one source, each with a fact, an https URL and the date it was checked",
                    t.sources() != null && !t.sources().isEmpty() && t.sources().stream().allMatch(TemplateCatalogue::sound));
            require(problems, id, "domains and mxPatterns as lowercase DNS names",
                    t.domains() != null && t.mxPatterns() != null
                            && t.domains().stream().allMatch(TemplateCatalogue::dnsName)
                            && t.mxPatterns().stream().allMatch(TemplateCatalogue::dnsName));
            if (t.domains() != null) {
                for (String domain : t.domains()) {
                    String owner = domainOwners.putIfAbsent(domain, id);
                    if (owner != null) {
                        problems.add(id + ": domain " + domain + " is already served by " + owner);
                    }
                }
            }
        }
        return problems;
    }

    /** Every limit within 1–1 000 000 and sourced; a source only for a limit given. */
    private static void limitProblems(List<String> problems, String id, ProviderTemplate.Limits limits) {
        if (limits == null) {
            problems.add(id + ": needs limits (an empty object when the provider publishes none)");
            return;
        }
        Map<String, ProviderTemplate.Source> sources = limits.sources() == null ? Map.of() : limits.sources();
        Map<String, Integer> given = limits.given();
        given.forEach((name, value) -> {
            require(problems, id, "limits." + name + " within " + MIN_LIMIT + "–" + MAX_LIMIT,
                    value >= MIN_LIMIT && value <= MAX_LIMIT);
            require(problems, id, "a source for limits." + name + ", with a fact, an https URL and the date it was checked",
                    sound(sources.get(name)));
        });
        for (String name : sources.keySet()) {
            if (!given.containsKey(name)) {
                problems.add(id + ": limits.sources." + name + " names no limit given");
            }
        }
    }

    private static void require(List<String> problems, String id, String what, boolean ok) {
        if (!ok) {
            problems.add(id + ": needs " + what);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static boolean filled(List<String> lines) {
        return lines != null && !lines.isEmpty() && lines.stream().noneMatch(TemplateCatalogue::blank);
    }

    private static boolean sound(ProviderTemplate.Source source) {
        return source != null && !blank(source.fact()) && source.url() != null && source.url().startsWith("https://")
                && source.checked() != null;
    }

    private static boolean dnsName(String name) {
        return name != null && MailAddress.asciiDomain(name).filter(name::equals).isPresent();
    }
}
