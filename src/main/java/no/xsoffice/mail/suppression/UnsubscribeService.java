package no.xsoffice.mail.suppression;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** A one-click unsubscribe: the address the token names is suppressed for the organisation it names, and no other. */
@ApplicationScoped
public class UnsubscribeService {

    private static final Logger LOG = Logger.getLogger(UnsubscribeService.class);

    private final UnsubscribeTokens tokens;
    private final Suppressions suppressions;
    private final PublicConfig config;

    public UnsubscribeService(UnsubscribeTokens tokens, Suppressions suppressions, PublicConfig config) {
        this.tokens = tokens;
        this.suppressions = suppressions;
        this.config = config;
    }

    /** The links' base must be an absolute http(s) URL; in prod, one on localhost reaches no recipient's mail program. */
    void check(@Observes StartupEvent event) {
        URI base;
        try {
            base = new URI(config.baseUrl());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("MAIL_PUBLIC_BASE_URL is not a URL: " + e.getMessage());
        }
        if (base.getHost() == null || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))) {
            throw new IllegalStateException("MAIL_PUBLIC_BASE_URL must be an absolute http or https URL, such as"
                    + " https://mail.xs-office.no (it is " + config.baseUrl() + ")");
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && "localhost".equals(base.getHost())) {
            LOG.warn("MAIL_PUBLIC_BASE_URL is not set: the one-click unsubscribe links of bulk mail point at localhost");
        }
    }

    /** The address suppressed, or empty when the token is not one of ours. */
    @Transactional
    public Optional<String> unsubscribe(String token) {
        return tokens.read(token).map(named -> {
            suppressions.suppress(named.orgId(), named.address(), SuppressionReason.UNSUBSCRIBE, null,
                    "One-click unsubscribe (RFC 8058)", null, null);
            return named.address();
        });
    }
}
