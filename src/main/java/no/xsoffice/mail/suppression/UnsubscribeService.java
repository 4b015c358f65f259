package no.xsoffice.mail.suppression;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** A one-click unsubscribe: the address the token names is suppressed for the organisation it names, and no other. */
@ApplicationScoped
public class UnsubscribeService {

    private final UnsubscribeTokens tokens;
    private final Suppressions suppressions;

    public UnsubscribeService(UnsubscribeTokens tokens, Suppressions suppressions) {
        this.tokens = tokens;
        this.suppressions = suppressions;
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
