package no.xsoffice.mail.send;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import no.xsoffice.mail.transport.AddressGuard;
import no.xsoffice.mail.transport.AddressRefusedException;
import no.xsoffice.mail.transport.MailClients;
import no.xsoffice.mail.transport.ServerLane;
import no.xsoffice.mail.transport.SmtpEndpoint;
import no.xsoffice.mail.transport.SystemRelayConfig;
import no.xsoffice.mail.transport.Transport;
import no.xsoffice.mail.transport.TransportKind;

/**
 * Carries one stored message to its server and says how that went. An attempt waits at most the delivery
 * deadline for a free connection to its server (then it is tried again later, unsent), and has the
 * deadline again once it is sent.
 */
@ApplicationScoped
public class Courier {

    private static final Logger LOG = Logger.getLogger(Courier.class);
    private static final Pattern AUTH_REFUSED = Pattern.compile("\\b535\\b");

    private final MailClients clients;
    private final AddressGuard guard;
    private final SystemRelayConfig relay;
    private final SendConfig config;

    public Courier(MailClients clients, AddressGuard guard, SystemRelayConfig relay, SendConfig config) {
        this.clients = clients;
        this.guard = guard;
        this.relay = relay;
        this.config = config;
    }

    /** Starts the delivery; the result arrives within the deadline. Blocking only for the DNS check of the server. */
    CompletableFuture<DeliveryResult> deliver(OutboxMessage message, Transport transport) {
        SmtpEndpoint endpoint = transport.endpoint();
        if (endpoint == null) {
            return CompletableFuture.completedFuture(withoutRelay(message));
        }
        if (!transport.credentialsValid()) {
            return CompletableFuture.completedFuture(DeliveryResult.of(DeliveryResult.Kind.HELD, null,
                    "Held: the server refused these credentials; saving the settings again releases the mail"));
        }
        try {
            if (endpoint.guarded()) {
                guard.checkConnect(endpoint.host(), endpoint.port());
            }
        } catch (AddressRefusedException e) {
            DeliveryResult.Kind kind = e.getCause() instanceof UnknownHostException ? DeliveryResult.Kind.TRANSIENT
                    : DeliveryResult.Kind.PERMANENT;
            return CompletableFuture.completedFuture(DeliveryResult.of(kind, null, e.getMessage()));
        }
        MailMessage mail = new MailMessage(new JsonObject(message.mail));
        if (transport.kind() == TransportKind.SYSTEM) {
            relay.from().ifPresent(mail::setBounceAddress);
        }
        List<String> envelope = message.recipients;
        String owner = transport.kind() + "/" + transport.owner().orgId()
                + (transport.kind() == TransportKind.USER ? "/" + transport.owner().userId() : "");
        Duration deadline = config.delivery().deadline();
        return clients.laneFor(owner, endpoint).send(mail, deadline, deadline)
                .handle((result, failure) -> {
                    if (failure == null) {
                        List<String> rejected = new ArrayList<>(envelope);
                        rejected.removeIf(r -> result.getRecipients().stream().anyMatch(r::equalsIgnoreCase));
                        return DeliveryResult.sent("250 accepted by " + endpoint.host(), rejected);
                    }
                    // A stuck connection is dropped by the client's read timeout; closing the whole client here
                    // would fail every other delivery in flight to the same server.
                    return classify(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                });
    }

    /** Starts nothing more: deliveries still waiting for a connection end unsent. */
    void stopSending() {
        clients.stopSending();
    }

    static DeliveryResult classify(Throwable failure) {
        if (failure instanceof SMTPException smtp) {
            int code = smtp.getReplyCode();
            String reply = smtp.getReplyMessage();
            if (code == 535) {
                return DeliveryResult.of(DeliveryResult.Kind.CREDENTIALS_REFUSED, code, reply);
            }
            return DeliveryResult.of(smtp.isPermanent() ? DeliveryResult.Kind.PERMANENT : DeliveryResult.Kind.TRANSIENT,
                    code, reply);
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof ServerLane.Busy) {
            return DeliveryResult.of(DeliveryResult.Kind.TRANSIENT, null, message);
        }
        if (failure instanceof TimeoutException) {
            return DeliveryResult.of(DeliveryResult.Kind.TRANSIENT, null, "The server did not finish within the deadline");
        }
        if (failure instanceof SSLException) {
            return DeliveryResult.of(DeliveryResult.Kind.TRANSIENT, null, "TLS failed: " + message);
        }
        if (message.toLowerCase(Locale.ROOT).contains("auth") && AUTH_REFUSED.matcher(message).find()) {
            return DeliveryResult.of(DeliveryResult.Kind.CREDENTIALS_REFUSED, 535, message);
        }
        return DeliveryResult.of(DeliveryResult.Kind.TRANSIENT, null, message);
    }

    private DeliveryResult withoutRelay(OutboxMessage message) {
        if (LaunchMode.current().isDevOrTest()) {
            LOG.infof("[DEV LOG TRANSPORT: NOT SENT] %s from %s to %s, subject \"%s\", %d bytes",
                    message.messageId, message.fromAddress, message.recipients, message.subject, message.sizeBytes);
            return DeliveryResult.sent("Written to the log: no relay is configured (dev)", List.of());
        }
        return DeliveryResult.of(DeliveryResult.Kind.PERMANENT, null,
                "NO_TRANSPORT: neither the user nor the organisation has an SMTP server, and XS Office's relay is not configured");
    }
}
