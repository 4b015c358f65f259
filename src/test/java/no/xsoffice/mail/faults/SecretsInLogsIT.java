package no.xsoffice.mail.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * After the whole test run: the service's logs (the tests' own and the packaged service's) hold no
 * password the tests used, no bearer token and no encryption key.
 */
class SecretsInLogsIT {

    private static final List<String> SECRETS = List.of(
            "s3cret-app-pw", "riktig-passord", "gammelt-passord", "delt-passord", "app-passord",
            "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=", "ZmF1bHQtdGVzdHMtb25seS1rZXktMzItYnl0ZXMhISE=",
            "eyJ0eXAiOiJKV1Qi", "eyJhbGciOi", "BEGIN PRIVATE KEY");

    @Test
    void shouldFindNoSecretInAnyLog() throws Exception {
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            files.filter(f -> f.getFileName().toString().endsWith(".log")).forEach(logs::add);
        }
        assertThat(logs).as("the tests' log target/test.log")
                .anyMatch(f -> f.getFileName().toString().equals("test.log"));
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            for (String secret : SECRETS) {
                assertThat(text).as(log + " contains " + secret).doesNotContain(secret);
            }
        }
    }
}
