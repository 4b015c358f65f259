package no.xsoffice.mail.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.xsoffice.mail.smtpclient.FailureText;

/** Calls providers' token and revocation endpoints (form posts, JSON answers), each with a timeout. */
@ApplicationScoped
public class OAuthClient {

    private static final Logger LOG = Logger.getLogger(OAuthClient.class);

    private final OAuthConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http;

    public OAuthClient(OAuthConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(config.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    TokenResponse exchangeCode(ProviderEndpoints p, String code, String verifier, String redirectUri) {
        Map<String, String> form = client(p);
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("code_verifier", verifier);
        form.put("redirect_uri", redirectUri);
        return token(p, form);
    }

    TokenResponse refresh(ProviderEndpoints p, String refreshToken) {
        Map<String, String> form = client(p);
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("scope", String.join(" ", p.scopes()));
        return token(p, form);
    }

    TokenResponse clientCredentials(ProviderEndpoints p, String scope) {
        Map<String, String> form = client(p);
        form.put("grant_type", "client_credentials");
        form.put("scope", scope);
        return token(p, form);
    }

    /** Best effort: a refresh token the provider does not revoke is forgotten anyway. */
    void revoke(ProviderEndpoints p, String token) {
        if (p.revocation().isEmpty()) {
            return;
        }
        Map<String, String> form = client(p);
        form.put("token", token);
        form.put("token_type_hint", "refresh_token");
        try {
            HttpResponse<String> response = http.send(post(p.revocation().get(), form), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                LOG.warnf("%s did not revoke the refresh token (HTTP %d)", p.provider().id(), response.statusCode());
            }
        } catch (IOException e) {
            LOG.warnf("%s's revocation endpoint failed: %s", p.provider().id(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TokenResponse token(ProviderEndpoints p, Map<String, String> form) {
        if (!p.configured()) {
            throw new OAuthException("not_configured", "No OAuth application is configured for " + p.provider().id());
        }
        HttpResponse<String> response;
        try {
            response = http.send(post(p.token(), form), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OAuthException("temporarily_unavailable", p.provider().id() + "'s token endpoint failed: "
                    + FailureText.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException("temporarily_unavailable", "interrupted");
        }
        JsonNode json;
        try {
            json = mapper.readTree(response.body());
        } catch (IOException e) {
            throw new OAuthException("temporarily_unavailable", "HTTP " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() != 200 || !json.hasNonNull("access_token")) {
            String error = json.path("error").asText("temporarily_unavailable");
            throw new OAuthException(error, json.path("error_description").asText(null));
        }
        return TokenResponse.parse(json, mapper);
    }

    private Map<String, String> client(ProviderEndpoints p) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", p.clientId());
        if (p.clientSecret() != null) {
            form.put("client_secret", p.clientSecret());
        }
        return form;
    }

    private HttpRequest post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url)).timeout(config.httpTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
