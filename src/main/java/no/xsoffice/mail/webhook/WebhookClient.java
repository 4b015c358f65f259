package no.xsoffice.mail.webhook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.AddressRefusedException;
import no.xsoffice.mail.smtpclient.SmtpEndpoint;

/**
 * Posts one signed event to a receiver: the SSRF guard on a fresh DNS answer first, then a POST to the address it
 * checked (no second DNS look-up), with the URL's host in the Host header and in TLS (SNI, certificate verified
 * against it), the connect and request timeouts, no redirects followed. Never logs or returns the secret.
 */
@ApplicationScoped
public class WebhookClient {

    private static final Logger LOG = Logger.getLogger(WebhookClient.class);
    private static final int BODY_SHOWN = 2000;
    /** Events posted to one receiver at once: a batch's events go out together, ordered per message, not per receiver. */
    static final int CONNECTIONS_PER_RECEIVER = 16;
    private static final int KEEP_ALIVE_SECONDS = 20;

    /** What the receiver said: its status (null when it did not answer), the start of its body, or the error. */
    public record Answer(Integer statusCode, String body, String error) {
        public boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final AddressGuard guard;
    private final WebhookConfig config;
    /** For a receiver named by host name: SNI names it. */
    private final HttpClient named;
    /** For a receiver given as an IP address, which SNI cannot carry. */
    private final HttpClient numeric;
    private final ExecutorService answers = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "webhook-answers");
        thread.setDaemon(true);
        return thread;
    });

    public WebhookClient(AddressGuard guard, WebhookConfig config, Vertx vertx) {
        this.guard = guard;
        this.config = config;
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_RECEIVER);
        this.named = vertx.createHttpClient(options().setForceSni(true), pool);
        this.numeric = vertx.createHttpClient(options(), pool);
    }

    /**
     * Connections stay open between events (a receiver is posted to in bursts), pooled per checked address, host and
     * port: a request for another address, after the guard's look-up changed, never reuses a connection.
     */
    private HttpClientOptions options() {
        return new HttpClientOptions().setConnectTimeout((int) config.connectTimeout().toMillis()).setVerifyHost(true)
                .setTrustAll(false).setKeepAlive(true).setKeepAliveTimeout(KEEP_ALIVE_SECONDS).setMaxRedirects(0);
    }

    /** Sends {@code body} as event {@code id}; completes within the request timeout (and a little). */
    public CompletableFuture<Answer> post(String url, String secret, String id, String body) {
        URI uri = URI.create(url);
        String host = AddressGuard.canonical(uri.getHost());
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        InetAddress address;
        try {
            address = guard.checkWebhookConnect(host);
        } catch (AddressRefusedException e) {
            return CompletableFuture.completedFuture(new Answer(null, null, e.getMessage()));
        }
        long timestamp = Instant.now().getEpochSecond();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.requestTimeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "xs-mail-webhooks")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body));
        HttpClient http = SmtpEndpoint.isIpLiteral(host) ? numeric : named;
        return http.request(request)
                .compose(sent -> sent.send(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8))))
                .compose(WebhookClient::answer)
                .toCompletionStage().toCompletableFuture()
                .orTimeout(config.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                .exceptionally(failure -> failed(host, failure))
                .thenApplyAsync(answer -> answer, answers); // off the event loop: callers record the answer in the database
    }

    /** The receiver's status and the first characters of its answer; the rest is not read. */
    private static Future<Answer> answer(HttpClientResponse response) {
        Promise<Answer> answer = Promise.promise();
        Buffer start = Buffer.buffer();
        response.handler(chunk -> {
            start.appendBuffer(chunk, 0, Math.min(chunk.length(), BODY_SHOWN - start.length()));
            if (start.length() >= BODY_SHOWN && answer.tryComplete(of(response, start))) {
                response.request().connection().close();
            }
        });
        response.endHandler(end -> answer.tryComplete(of(response, start)));
        response.exceptionHandler(e -> answer.tryComplete(of(response, start)));
        return answer.future();
    }

    private static Answer of(HttpClientResponse response, Buffer start) {
        String text = start.toString(StandardCharsets.UTF_8);
        return new Answer(response.statusCode(), text.isEmpty() ? null : text, null);
    }

    /** A sentence for the admin; the cause goes to the log. */
    private static Answer failed(String host, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        LOG.debugf("Webhook receiver at %s not reached: %s", host, cause.toString()); // the URL may carry a token
        String error = cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException
                ? "The receiver did not answer within the timeout"
                : cause instanceof SSLException
                        ? "The receiver's TLS could not be verified or did not complete"
                        : "The receiver could not be reached, or closed the connection without an answer";
        return new Answer(null, null, error);
    }

    @PreDestroy
    void close() {
        named.close();
        numeric.close();
        answers.shutdownNow();
    }
}
