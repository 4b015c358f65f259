package no.xsoffice.mail;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** What an operator gives the packaged service through its environment, for tests of the prod build. */
public class ProdSettings implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=xs_mail_it",
                "quarkus.datasource.username", "postgres",
                "quarkus.flyway.schemas", "xs_mail_it",
                "quarkus.flyway.clean-at-start", "true",
                "quarkus.flyway.clean-disabled", "false",
                "mp.jwt.verify.publickey.location", TestKeys.publicKeyLocation(),
                "mp.jwt.verify.issuer", "https://id.xs-office.dev",
                "mail.crypto.key", "cHJvZC1saWtlLWtleS1mb3ItaXQtdGVzdHMtb25seSE=");
    }

    @Override
    public void stop() {
    }
}
