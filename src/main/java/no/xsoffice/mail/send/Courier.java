package no.xsoffice.mail.send;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import no.xsoffice.mail.domain.RelayAuthorisation;
import no.xsoffice.mail.smtp.SendingLimits;
import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.AddressRefusedException;
import no.xsoffice.mail.smtpclient.FailureText;
import no.xsoffice.mail.smtpclient.MailClients;
import no.xsoffice.mail.smtpclient.OutcomeUnknown;
import no.xsoffice.mail.transport.SendUsage;
import no.xsoffice.mail.smtpclient.ServerLane;
import no.xsoffice.mail.smtpclient.SmtpClient;
import no.xsoffice.mail.smtpclient.SmtpEndpoint;
import no.xsoffice.mail.smtpclient.SmtpRefusal;
import no.xsoffice.mail.smtpclient.SmtpReply;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.smtpclient.SmtpSession;
import no.xsoffice.mail.transport.SystemRelayConfig;
import no.xsoffice.mail.transport.Transport;
import no.xsoffice.mail.transport.TransportKind;

/**
 * Carries one stored message to its server and says how that went. A delivery first reserves room for its body
 * ({@link BytesInFlight}), then waits at most the delivery deadline for a free connection to its server (then it
 * is tried again later, unsent); its body is read from the outbox only then, and it has the deadline again once
 * it is sent.
 */
@ApplicationScoped
public class Courier {

    private static final Logger LOG = Logger.getLogger(Courier.class);

    private final MailClients clients;
    private final AddressGuard guard;
    private final SystemRelayConfig relay;
    private final SendConfig config;
    private final OutboxBodies bodies;
    private final BytesInFlight room;
    private final SendUsage usage;
    private final RelayAuthorisation domains;

    public Courier(MailClients clients, AddressGuard guard, SystemRelayConfig relay, SendConfig config,
            OutboxBodies bodies, BytesInFlight room, SendUsage usage, RelayAuthorisation domains) {
        this.usage = usage;
        this.domains = domains;
        this.clients = clients;
        this.guard = guard;
        this.relay = relay;
        this.config = config;
        this.bodies = bodies;
        this.room = room;
    }

    /** Starts the delivery; the result arrives within the deadlines. Blocking only for the DNS check of the server. */
    CompletableFuture<DeliveryResult> deliver(OutboxMessage message, Transport transport) {
        SmtpEndpoint endpoint = transport.endpoint();
        if (endpoint == null) {
            return CompletableFuture.completedFuture(withoutRelay(message));
        }
        InetAddress address; // connected to as checked, so that a second DNS answer cannot swap in another
        try {
            address = endpoint.guarded() ? guard.checkConnect(endpoint.host(), endpoint.port()) : null;
        } catch (AddressRefusedException e) {
            DeliveryResult.Kind kind = e.getCause() instanceof UnknownHostException ? DeliveryResult.Kind.TRANSIENT
                    : DeliveryResult.Kind.PERMANENT;
            return CompletableFuture.completedFuture(DeliveryResult.of(kind, null, e.getMessage()));
        }
        if (endpoint.guarded() && endpoint.security() == SmtpSecurity.NONE && endpoint.username() != null
                && !guard.passwordInPlainTextAllowed(address)) {
            return CompletableFuture.completedFuture(DeliveryResult.of(DeliveryResult.Kind.PERMANENT, null,
                    "Not sent: the server's settings have security NONE with a sign-in, and a password is never sent"
                            + " unencrypted except to a private address; choose STARTTLS or SSL_TLS"));
        }
        // the relay signs for a verified sending domain, sends from its return path, or rewrites an unauthorised From
        RelayAuthorisation.Plan plan = transport.kind() == TransportKind.SYSTEM
                ? domains.plan(message.orgId, message.fromAddress) : null;
        String mailFrom = plan != null ? domains.envelopeSender(plan, message.id) : message.fromAddress; // VERP for bounces
        List<String> envelope = message.waitingRecipients();
        UUID id = message.id;
        Callable<byte[]> body = plan == null ? () -> bodies.read(id) : () -> domains.body(plan, id, bodies.read(id));
        Duration deadline = config.delivery().deadline();
        SendingLimits limits = transport.limits();
        if (limits.windowed()) {
            Optional<SendUsage.Wait> wait = usage.reserve(transport.account(), limits, envelope.size());
            if (wait.isPresent()) {
                return CompletableFuture.completedFuture(DeliveryResult.deferred(wait.get().perDay(), wait.get().until()));
            }
        }
        SmtpClient client = clients.clientFor(transport.account(), endpoint, Objects.requireNonNullElse(limits.connections(), 1));
        // a signed or rewritten body is a second copy of the stored one while it is sent
        long inFlight = plan != null && (plan.signing() != null || plan.rewrite() != null)
                ? 2 * message.sizeBytes : message.sizeBytes;
        return room.reserve(inFlight, deadline)
                .exceptionally(full -> {
                    throw new ServerLane.Busy("No room for this message's " + inFlight
                            + " bytes among the mail being sent for " + deadline.toSeconds() + " s; not sent");
                })
                .thenCompose(reserved -> client.send(mailFrom, envelope, body, address, deadline, deadline)
                        .whenComplete((delivered, failure) -> room.release(reserved)))
                .handle((delivered, failure) -> failure == null ? result(delivered) : classify(unwrap(failure)))
                .thenApply(result -> {
                    if (tooManyConnections(result)) {
                        LOG.infof("%s has too many connections from this service: one fewer to it from now on", endpoint.host());
                        client.shrink();
                    }
                    return result;
                });
    }

    /** Starts nothing more: deliveries still waiting for a connection end unsent. */
    void stopSending() {
        clients.stopSending();
    }

    /** The server said so to the mail (432 4.3.2); at the greeting (421) the client narrowed its lane by itself. */
    private static boolean tooManyConnections(DeliveryResult result) {
        return result.meaning() == ReplyMeaning.CONNECTIONS && !Objects.equals(result.replyCode(), 421)
                || result.recipients() != null && result.recipients()
                .values().stream().anyMatch(r -> ReplyMeaning.of(r.code(), r.text()) == ReplyMeaning.CONNECTIONS);
    }

    /** The server's answers: recipients it accepted take its reply to the message, the others their own. */
    static DeliveryResult result(SmtpSession.Delivered delivered) {
        return DeliveryResult.answered(delivered.recipients(), delivered.data());
    }

    static DeliveryResult classify(Throwable failure) {
        if (failure instanceof SmtpRefusal refusal) {
            SmtpReply reply = refusal.reply();
            if (refusal.stage().equals("CONNECT") && reply.code() == 421) { // "too many connections from …"
                return DeliveryResult.failed(reply, ReplyMeaning.CONNECTIONS, "CONNECT: " + reply.text());
            }
            return DeliveryResult.failed(reply, refusal.stage().equals("AUTH") ? reply.text()
                    : refusal.stage() + ": " + reply.text());
        }
        if (failure instanceof OutcomeUnknown unknown) {
            return DeliveryResult.unknown(unknown.recipients(), unknown.getMessage());
        }
        String message = FailureText.of(failure);
        if (!(failure instanceof ServerLane.Busy)) {
            LOG.infof("A delivery failed before the server answered it: %s", failure.toString());
        }
        if (failure instanceof TimeoutException) {
            return DeliveryResult.of(DeliveryResult.Kind.TRANSIENT, null, "The server did not finish within the deadline");
        }
        if (failure instanceof SSLException) {
            return DeliveryResult.of(DeliveryResult.Kind.TRANSIENT, null, message);
        }
        if (failure instanceof SQLException) {
            LOG.warnf("A message body could not be read: %s", failure.getMessage());
            return DeliveryResult.of(DeliveryResult.Kind.TRANSIENT, null, "The message could not be read from the outbox");
        }
        return DeliveryResult.of(DeliveryResult.Kind.TRANSIENT, null, message);
    }

    private static Throwable unwrap(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    private DeliveryResult withoutRelay(OutboxMessage message) {
        if (LaunchMode.current().isDevOrTest()) {
            LOG.infof("[DEV LOG TRANSPORT: NOT SENT] %s from %s to %s, subject \"%s\", %d bytes",
                    message.messageId, message.fromAddress, message.recipients, message.subject, message.sizeBytes);
            return DeliveryResult.logged("Written to the log: no relay is configured (dev)");
        }
        return DeliveryResult.of(DeliveryResult.Kind.PERMANENT, null,
                "NO_TRANSPORT: neither the user nor the organisation has an SMTP server, and XS Office's relay is not configured");
    }
}
