package no.xsoffice.mail;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/** Requests as XS Office's callers make them: JSON with a bearer token signed by the test issuer. */
public final class Api {

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

    public static RequestSpecification anonymous() {
        return given().log().ifValidationFails().contentType(ContentType.JSON);
    }
}
