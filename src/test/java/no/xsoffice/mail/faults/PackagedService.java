package no.xsoffice.mail.faults;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import no.xsoffice.mail.TestKeys;

/**
 * The packaged service (the fast-jar operators run) as a child process, configured through its environment. Lease,
 * deadline, heartbeat and replica timeout are the defaults operators get; only the retries are quicker, so that the
 * outage tests need not wait five minutes for one.
 */
final class PackagedService {

    static final String SCHEMA = "xs_mail_faults";
    /** Messages one replica may have in flight: dispatcher threads × batch size. */
    static final int IN_FLIGHT = 2 * 25;

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private Process process;

    PackagedService(String name, int port, int relayPort) {
        this(name, port, relayPort, 5432);
    }

    PackagedService(String name, int port, int relayPort, int databasePort) {
        this.name = name;
        this.port = port;
        this.environment = Map.ofEntries(
                Map.entry("QUARKUS_HTTP_PORT", String.valueOf(port)),
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + databasePort + "/test?currentSchema=" + SCHEMA),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                Map.entry("QUARKUS_FLYWAY_SCHEMAS", SCHEMA),
                Map.entry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestKeys.publicKeyLocation()),
                Map.entry("MP_JWT_VERIFY_ISSUER", "https://id.xs-office.dev"),
                Map.entry("MAIL_CRYPTO_KEY", "ZmF1bHQtdGVzdHMtb25seS1rZXktMzItYnl0ZXMhISE="),
                Map.entry("MAIL_SYSTEM_SMTP_HOST", "127.0.0.1"),
                Map.entry("MAIL_SYSTEM_SMTP_PORT", String.valueOf(relayPort)),
                Map.entry("MAIL_SYSTEM_SMTP_SECURITY", "NONE"),
                // sending domains' DNS look-ups (DMARC of the From domain) stay on this machine and fail at once
                Map.entry("MAIL_DNS_SERVERS", "127.0.0.1:9"),
                Map.entry("MAIL_DELIVERY_BACKOFF_INITIAL", "1s"),
                Map.entry("MAIL_DELIVERY_BACKOFF_MAX", "2s"),
                Map.entry("MAIL_DELIVERY_THREADS", "2"),
                Map.entry("MAIL_DELIVERY_BATCH_SIZE", "25"),
                // delivery events to a receiver of the test on a loopback port (http); a killed replica's claims
                // of events return after this lease
                Map.entry("MAIL_TRANSPORT_ALLOW_PRIVATE_HOSTS", "true"),
                Map.entry("MAIL_WEBHOOK_LEASE", "10s"));
    }

    private PackagedService(String name, int port, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.environment = environment;
    }

    /** This service with {@code variable} set to {@code value} in its environment as well. */
    PackagedService with(String variable, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(variable, value);
        return new PackagedService(name, port, Map.copyOf(more));
    }

    /** Starts it and waits at most {@code wait} for it to exit by itself; answers its exit code and output. */
    String startExpectingExit(Duration wait) throws Exception {
        Path log = Path.of("target/faults-" + name + ".log");
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            stop();
            throw new IllegalStateException(name + " did not stop by itself within " + wait.toSeconds() + " s");
        }
        return "exit " + process.exitValue() + "\n" + Files.readString(log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/faults-" + name + ".log")));
        builder.environment().putAll(environment);
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start-up; see target/faults-" + name + ".log");
            }
            try {
                var ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within 60 s");
    }

    /** SIGKILL: no shutdown hook, no release of claims. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
