package no.xsoffice.mail.send;

import jakarta.persistence.EntityManager;

import io.quarkus.arc.Arc;
import no.xsoffice.mail.domain.RelayAuthorisation;
import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.MailClients;
import no.xsoffice.mail.smtpclient.SmtpConfig;
import no.xsoffice.mail.smtpclient.TransportConfig;
import no.xsoffice.mail.transport.SendUsage;
import no.xsoffice.mail.transport.SystemRelayConfig;
import no.xsoffice.mail.transport.TransportResolver;

/**
 * Another replica of the service on the same database, beside the one under test: its own dispatcher, heartbeat,
 * SMTP clients and room for bodies in flight, started and stopped as the service starts and stops its own.
 */
final class Replica implements AutoCloseable {

    private final Dispatcher dispatcher;

    private Replica(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    static Replica start() {
        SendConfig config = bean(SendConfig.class);
        Courier courier = new Courier(new MailClients(bean(TransportConfig.class), bean(SmtpConfig.class)),
                bean(AddressGuard.class), bean(SystemRelayConfig.class), config, bean(OutboxBodies.class),
                new BytesInFlight(config), bean(SendUsage.class), bean(RelayAuthorisation.class));
        Dispatcher dispatcher = new Dispatcher(bean(Outbox.class), courier, bean(TransportResolver.class),
                new Heartbeat(bean(EntityManager.class), config), config, bean(DeliveryMetrics.class),
                bean(no.xsoffice.mail.suppression.Suppressions.class));
        dispatcher.start(null);
        return new Replica(dispatcher);
    }

    /** Stops as on shutdown: the deliveries in flight finish, what is left returns to the queue. */
    @Override
    public void close() throws InterruptedException {
        dispatcher.stop(null);
    }

    private static <T> T bean(Class<T> type) {
        return Arc.container().instance(type).get();
    }
}
