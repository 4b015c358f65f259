package no.xsoffice.mail.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.AddressRefusedException;

/**
 * Posts one signed event to a receiver: the SSRF guard on a fresh DNS answer first, then a POST with the
 * connect and request timeouts, no redirects followed. Never logs or returns the secret.
 */
@ApplicationScoped
public class WebhookClient {

    private static final int BODY_SHOWN = 2000;

    /** What the receiver said: its status (null when it did not answer), the start of its body, or the error. */
    public record Answer(Integer statusCode, String body, String error) {
        public boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final AddressGuard guard;
    private final WebhookConfig config;
    private final HttpClient http;

    public WebhookClient(AddressGuard guard, WebhookConfig config) {
        this.guard = guard;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends {@code body} as event {@code id}; completes within the request timeout (and a little). */
    public CompletableFuture<Answer> post(String url, String secret, String id, String body) {
        URI uri = URI.create(url);
        try {
            guard.checkWebhookConnect(uri.getHost());
        } catch (AddressRefusedException e) {
            return CompletableFuture.completedFuture(new Answer(null, null, e.getMessage()));
        }
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "xs-mail-webhooks")
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> new Answer(response.statusCode(), start(response.body()), null))
                .orTimeout(config.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                .exceptionally(WebhookClient::failed);
    }

    /** The first characters of the receiver's answer; the rest is not read. */
    private static String start(InputStream body) {
        try (body) {
            String text = new String(body.readNBytes(BODY_SHOWN), StandardCharsets.UTF_8);
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            return null;
        }
    }

    private static Answer failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String error = cause instanceof HttpTimeoutException || cause instanceof TimeoutException
                ? "The receiver did not answer within the timeout"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new Answer(null, null, error);
    }
}
