package no.xsoffice.mail;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/** Requests as XS Office's callers make them: JSON with a bearer token signed by the test issuer. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Api() {
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static String token(String user, String org, String role) {
        return Jwt.subject(user)
                .claim("org", org)
                .groups(role)
                .claim("email", user + "@firma.no")
                .claim("name", "Kari Nordmann")
                .expiresIn(Duration.ofMinutes(10))
                .sign();
    }

    public static RequestSpecification as(String user, String org, String role) {
        return anonymous().auth().oauth2(token(user, org, role));
    }

    public static RequestSpecification asUser(String user, String org) {
        return as(user, org, "user");
    }

    /**
     * A request body as the front end writes it: each {@code %s} of the JSON {@code template} takes the next value,
     * written as JSON (a string quoted, a list as an array, {@code null} as null).
     */
    public static String json(String template, Object... values) {
        Object[] written = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                written[i] = JSON.writeValueAsString(values[i]);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return String.format(Locale.ROOT, template, written);
    }

    public static RequestSpecification anonymous() {
        return given().log().ifValidationFails().contentType(ContentType.JSON);
    }
}
