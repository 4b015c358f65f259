package no.xsoffice.mail.oauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import no.xsoffice.mail.smtp.OAuthProvider;

/** One provider's application and endpoints, with the tenant filled in. */
record ProviderEndpoints(OAuthProvider provider, String clientId, String clientSecret, String authorization,
        String token, Optional<String> revocation, List<String> scopes) {

    static ProviderEndpoints of(OAuthConfig config, OAuthProvider provider, String tenant) {
        if (provider == OAuthProvider.GOOGLE) {
            OAuthConfig.Google g = config.google();
            return new ProviderEndpoints(provider, g.clientId().orElse(null), g.clientSecret().orElse(null),
                    g.authorizationEndpoint(), g.tokenEndpoint(), g.revocationEndpoint(), g.scopes());
        }
        OAuthConfig.Microsoft m = config.microsoft();
        String t = tenant == null || tenant.isBlank() ? m.tenant() : tenant;
        return new ProviderEndpoints(provider, m.clientId().orElse(null), m.clientSecret().orElse(null),
                m.authorizationEndpoint().replace("{tenant}", t), m.tokenEndpoint().replace("{tenant}", t),
                m.revocationEndpoint().map(r -> r.replace("{tenant}", t)), m.scopes());
    }

    /** The same endpoints, asking for one more scope. */
    ProviderEndpoints withScope(String scope) {
        if (scopes.contains(scope)) {
            return this;
        }
        List<String> more = new ArrayList<>(scopes);
        more.add(scope);
        return new ProviderEndpoints(provider, clientId, clientSecret, authorization, token, revocation, List.copyOf(more));
    }

    /**
     * The endpoints for a user's Microsoft consent or refresh, with the IMAP scope for the copy in the Sent folder
     * when {@code imap} (the profile wants a copy, or the consent granted it); Google's scope covers IMAP already.
     */
    static ProviderEndpoints forUser(OAuthConfig config, OAuthProvider provider, String tenant, boolean imap) {
        ProviderEndpoints endpoints = of(config, provider, tenant);
        return imap && provider == OAuthProvider.MICROSOFT ? endpoints.withScope(config.microsoft().imapScope()) : endpoints;
    }

    boolean configured() {
        return clientId != null && !clientId.isBlank();
    }
}
