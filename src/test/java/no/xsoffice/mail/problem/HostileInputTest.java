package no.xsoffice.mail.problem;

import static no.xsoffice.mail.Api.as;
import static no.xsoffice.mail.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Thousands of malformed requests against every write endpoint: wrong types, missing and extra
 * fields, huge strings, control characters, invalid UTF-8, deep nesting and bodies that are not
 * JSON at all. None may answer 5xx; every 4xx must be a problem document.
 */
@QuarkusTest
class HostileInputTest {

    private static final Logger LOG = Logger.getLogger(HostileInputTest.class);

    private final String org = newId("org");
    private final String admin = newId("admin");

    private record Endpoint(String method, String path, List<String> fields) {
    }

    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("PUT", "/api/v1/users/me/smtp-profile", List.of("useSharedServer", "templateId", "host",
                        "port", "security", "authentication", "username", "password", "limits")),
                new Endpoint("PUT", "/api/v1/users/me/signatures", List.of("newMessage", "replyForward")),
                new Endpoint("PUT", "/api/v1/users/me/mail-preferences", List.of("defaultBcc")),
                new Endpoint("PUT", "/api/v1/organizations/" + org + "/smtp-server", List.of("host", "port", "security",
                        "authentication", "username", "password", "limits")),
                new Endpoint("PUT", "/api/v1/organizations/" + org + "/sender-addresses", List.of("addresses")),
                new Endpoint("POST", "/api/v1/users/me/messages", List.of("from", "to", "cc", "bcc", "replyTo",
                        "subject", "text", "html", "kind", "inReplyTo", "references", "signature", "attachments",
                        "sendAt", "bulk")));
    }

    @Test
    void shouldAnswerEveryMalformedRequestWithAProblemAndNeverA5xx() {
        Random random = new Random(20261126);
        List<String> serverErrors = new ArrayList<>();
        int tried = 0;
        for (Endpoint endpoint : endpoints()) {
            for (byte[] body : bodies(endpoint, random)) {
                Response response = as(admin, org, "org-admin").body(body).request(endpoint.method(), endpoint.path());
                tried++;
                int status = response.statusCode();
                if (status >= 500) {
                    serverErrors.add(status + " " + endpoint.path() + " " + new String(body, StandardCharsets.UTF_8)
                            .substring(0, Math.min(120, body.length)));
                } else if (status >= 400) {
                    assertThat(response.contentType()).as(endpoint.path() + " answered " + status)
                            .startsWith("application/problem+json");
                }
            }
        }
        LOG.infof("%d malformed requests, %d answered 5xx", tried, serverErrors.size());
        assertThat(tried).as(tried + " requests").isGreaterThanOrEqualTo(2000);
        assertEquals(List.of(), serverErrors);
    }

    @Test
    void shouldAnswerHostilePathsQueriesAndTokenClaimsWithAProblemAndNeverA5xx() {
        String[] hostile = { "%00", "a%00b", "%26%230%3B", "%FF%FE", "%C3%28", "%0D%0ABcc:%20x", "%2E%2E", "%E2%80%AE",
                "x".repeat(3000), "me%20", "-1", "2147483648", "99999999999999999999", "1e3", "%7B%7D" };
        String[] userPaths = { "/api/v1/users/%s/smtp-profile", "/api/v1/users/%s/signatures",
                "/api/v1/users/%s/mail-preferences", "/api/v1/users/%s/messages", "/api/v1/users/%s/effective-transport",
                "/api/v1/users/me/messages/%s", "/api/v1/users/me/messages?status=%s", "/api/v1/users/me/messages?page=%s",
                "/api/v1/users/me/messages?size=%s", "/api/v1/provider-templates/%s",
                "/api/v1/provider-templates/lookup?email=%s" };
        String[] adminPaths = { "/api/v1/organizations/%s/smtp-server", "/api/v1/organizations/%s/sender-addresses",
                "/api/v1/organizations/%s/webhooks", "/api/v1/organizations/" + org + "/webhooks/%s",
                "/api/v1/organizations/%s/sending-domains", "/api/v1/organizations/" + org + "/sending-domains/%s" };
        List<String> serverErrors = new ArrayList<>();
        int tried = 0;
        for (String value : hostile) {
            for (String path : userPaths) {
                tried++;
                check(as(admin, org, "user"), String.format(path, value), serverErrors);
            }
            for (String path : adminPaths) {
                tried++;
                check(as(admin, org, "org-admin"), String.format(path, value), serverErrors);
            }
        }
        for (String claim : new String[] { "u\u0000", "u\r\nX", "x".repeat(5000), "\ud800" }) {
            tried += 2;
            check(as(claim, org, "user"), "/api/v1/users/me/smtp-profile", serverErrors);
            check(as(admin, claim, "org-admin"), "/api/v1/organizations/me/smtp-server", serverErrors);
        }
        LOG.infof("%d hostile paths, queries and claims, %d answered 5xx", tried, serverErrors.size());
        assertEquals(List.of(), serverErrors);
    }

    private static void check(RequestSpecification request, String path, List<String> serverErrors) {
        Response response = request.urlEncodingEnabled(false).get(path);
        if (response.statusCode() >= 500) {
            serverErrors.add(response.statusCode() + " GET " + path.substring(0, Math.min(120, path.length())));
        } else if (response.statusCode() >= 400) {
            assertThat(response.contentType()).as(path + " answered " + response.statusCode()).startsWith("application/problem+json");
        }
    }

    @Test
    void shouldRefuseBodiesThatAreNotJson() {
        as(admin, org, "org-admin").contentType("text/plain").body("host=smtp.firma.no")
                .put("/api/v1/users/me/smtp-profile").then().statusCode(415).contentType("application/problem+json");
    }

    private List<byte[]> bodies(Endpoint endpoint, Random random) {
        List<byte[]> bodies = new ArrayList<>();
        for (String fixed : new String[] { "", "null", "[]", "123", "\"text\"", "{", "}", "{\"a\":}", "<xml/>",
                "{\"" + endpoint.fields().get(0) + "\": ", "[" .repeat(5000) + "]".repeat(5000),
                "{\"x\":".repeat(3000) + "1" + "}".repeat(3000) }) {
            bodies.add(fixed.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] { '{', '"', 'h', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' });
        bodies.add(new byte[] { (byte) 0xFF, (byte) 0xFE, 0, 0x7B });
        for (int i = 0; i < 320; i++) {
            bodies.add(randomObject(endpoint, random).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[random.nextInt(200) + 1];
            random.nextBytes(noise);
            bodies.add(noise);
        }
        return bodies;
    }

    private static String randomObject(Endpoint endpoint, Random random) {
        StringBuilder json = new StringBuilder("{");
        List<String> fields = new ArrayList<>(endpoint.fields());
        if (random.nextInt(5) == 0) {
            fields.add("unknown" + random.nextInt(10));
        }
        boolean first = true;
        for (String field : fields) {
            if (random.nextInt(3) == 0) {
                continue; // missing
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append('"').append(field).append("\":").append(randomValue(random, 0));
        }
        return json.append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 8 : 11)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextInt());
            case 2 -> String.valueOf(random.nextDouble() * 1e12);
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> quoted("x".repeat(random.nextInt(3) == 0 ? 200_000 : 10));
            case 5 -> quoted(CONTROL[random.nextInt(CONTROL.length)]);
            case 6 -> quoted(SAMPLES[random.nextInt(SAMPLES.length)]);
            case 7 -> "\"\"";
            case 8 -> "[" + randomValue(random, depth + 1) + "," + randomValue(random, depth + 1) + "]";
            case 9 -> "{\"text\":" + randomValue(random, depth + 1) + ",\"html\":" + randomValue(random, depth + 1) + "}";
            default -> "[{\"filename\":" + randomValue(random, depth + 1) + ",\"content\":" + randomValue(random, depth + 1)
                    + ",\"contentType\":" + randomValue(random, depth + 1) + "}]";
        };
    }

    private static final String[] CONTROL = { "a\\u0000b", "line\\r\\nBcc: x@evil.example", "tab\\there", "\\u001b[31m",
            "\\ud800", "ok@firma.no\\n" };
    private static final String[] SAMPLES = { "STARTTLS", "SSL_TLS", "NONE", "REPLY", "ola@example.com",
            "Ola <ola@example.com>", "smtp.gmail.com", "-1", "65536", "<script>alert(1)</script>", "gmail", "../../etc",
            "æøå@例え.テスト", "@", "a@b", "<id@x>" };

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

}
