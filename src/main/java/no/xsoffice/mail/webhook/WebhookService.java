package no.xsoffice.mail.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import no.xsoffice.mail.problem.FieldError;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.security.SecretCipher;
import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.TransportConfig;

/**
 * An organisation's webhook endpoints: validated (https, the SSRF guard, known events) and saved with a sealed
 * secret; a test event sent on demand. DNS is asked outside any transaction.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);
    static final int MAX_URL = 2000;
    private static final int MAX_ENDPOINTS = 20;

    private final SecretCipher cipher;
    private final AddressGuard guard;
    private final TransportConfig transport;
    private final WebhookClient client;

    public WebhookService(SecretCipher cipher, AddressGuard guard, TransportConfig transport, WebhookClient client) {
        this.cipher = cipher;
        this.guard = guard;
        this.transport = transport;
        this.client = client;
    }

    public List<WebhookView> list(String orgId) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.ofOrganization(orgId).stream()
                .map(e -> WebhookView.of(e, null)).toList());
    }

    public Optional<WebhookView> get(String orgId, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.of(orgId, id).map(e -> WebhookView.of(e, null)));
    }

    /** Saves a new endpoint; the answer carries its secret, the only time it is shown. */
    public WebhookView create(String orgId, WebhookView.Request request) {
        Valid valid = validate(request);
        String secret = WebhookSignature.newSecret();
        WebhookView created = QuarkusTransaction.requiringNew().call(() -> {
            if (WebhookEndpoint.count("orgId", orgId) >= MAX_ENDPOINTS) {
                throw ProblemException.unprocessable("too-many-webhooks",
                        "An organisation has at most " + MAX_ENDPOINTS + " webhook endpoints");
            }
            WebhookEndpoint e = new WebhookEndpoint();
            e.id = UUID.randomUUID();
            e.orgId = orgId;
            e.url = valid.url();
            e.events = valid.events();
            e.secretCiphertext = cipher.encrypt(secret, WebhookEndpoint.binding(e.id));
            e.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            e.updatedAt = e.createdAt;
            e.persist();
            return WebhookView.of(e, secret);
        });
        LOG.infof("Webhook endpoint %s of organisation %s created for %s", created.id(), orgId, created.events());
        return created;
    }

    /** Replaces url and events; the secret stays. */
    public Optional<WebhookView> update(String orgId, UUID id, WebhookView.Request request) {
        Valid valid = validate(request);
        return QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.of(orgId, id).map(e -> {
            e.url = valid.url();
            e.events = valid.events();
            e.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return WebhookView.of(e, null);
        }));
    }

    /** Removes the endpoint and the events still waiting for it. */
    public boolean delete(String orgId, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.delete("orgId = ?1 and id = ?2", orgId, id) > 0);
    }

    /** Sends a {@code webhook.test} event now, signed like any other, and answers what the receiver said. */
    public Optional<WebhookView.TestResult> test(String orgId, UUID id) {
        Optional<WebhookEndpoint> endpoint = QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.of(orgId, id));
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        WebhookEndpoint e = endpoint.get();
        String webhookId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        String body = "{\"type\":\"webhook.test\",\"timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.MICROS)
                + "\",\"data\":{\"id\":null,\"messageId\":null,\"userId\":null,\"status\":null,\"recipients\":[]}}";
        WebhookClient.Answer answer = client.post(e.url, cipher.decrypt(e.secretCiphertext, WebhookEndpoint.binding(e.id)),
                webhookId, body).join();
        return Optional.of(new WebhookView.TestResult(webhookId, answer.delivered(), answer.statusCode(), answer.body(),
                answer.error()));
    }

    private record Valid(String url, List<String> events) {
    }

    private Valid validate(WebhookView.Request request) {
        if (request == null) {
            throw ProblemException.invalid("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String url = request.url() == null ? null : request.url().trim();
        String urlError = urlError(url);
        if (urlError != null) {
            errors.add(new FieldError("url", urlError));
        }
        LinkedHashSet<String> events = new LinkedHashSet<>();
        if (request.events() == null || request.events().isEmpty()) {
            errors.add(new FieldError("events", "must name at least one of " + DeliveryEvents.TYPES));
        } else {
            for (int i = 0; i < request.events().size(); i++) {
                String type = request.events().get(i);
                if (type == null || !DeliveryEvents.TYPES.contains(type)) {
                    errors.add(new FieldError("events[" + i + "]", "must be one of " + DeliveryEvents.TYPES));
                } else {
                    events.add(type);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Valid(url, List.copyOf(events));
    }

    private String urlError(String url) {
        if (url == null || url.isEmpty()) {
            return "is required";
        }
        if (url.length() > MAX_URL || url.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return "must be a URL of at most " + MAX_URL + " characters, without spaces or control characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http") && transport.allowPrivateHosts();
        if (!scheme.equals("https") && !http) {
            return "must be an https URL";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return "must be an absolute URL with a host, without user info or fragment";
        }
        if (!guard.webhookHostAllowed(uri.getHost())) {
            return "must not be a private, loopback, link-local or metadata address";
        }
        return null;
    }
}
