package no.xsoffice.mail;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A real OAuth 2.0 authorization server for the tests (mock-oauth2-server, on a dynamic port), standing in
 * for Google (issuer {@code google}) and Microsoft (issuer = tenant). Its login is non-interactive: the
 * authorization endpoint redirects at once with a code.
 */
public class OAuthServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String REDIRECT_URL = "https://mail.xs-office.test/api/v1/oauth/callback";
    public static final String RETURN_URL = "https://office.xs-office.test/settings/mail";

    private static MockOAuth2Server server;

    public static MockOAuth2Server server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new MockOAuth2Server();
        server.start();
        String base = server.baseUrl().toString();
        return Map.ofEntries(
                Map.entry("mail.oauth.google.client-id", "xs-mail-google"),
                Map.entry("mail.oauth.google.client-secret", "google-secret"),
                Map.entry("mail.oauth.google.authorization-endpoint", server.authorizationEndpointUrl("google").toString()),
                Map.entry("mail.oauth.google.token-endpoint", server.tokenEndpointUrl("google").toString()),
                Map.entry("mail.oauth.google.revocation-endpoint", server.revocationEndpointUrl("google").toString()),
                Map.entry("mail.oauth.google.scopes", "openid,email,https://mail.google.com/"),
                Map.entry("mail.oauth.microsoft.client-id", "xs-mail-microsoft"),
                Map.entry("mail.oauth.microsoft.client-secret", "microsoft-secret"),
                Map.entry("mail.oauth.microsoft.authorization-endpoint", base + "{tenant}/authorize"),
                Map.entry("mail.oauth.microsoft.token-endpoint", base + "{tenant}/token"),
                Map.entry("mail.oauth.redirect-url", REDIRECT_URL),
                Map.entry("mail.oauth.return-url", RETURN_URL));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
        }
    }
}
