package no.xsoffice.mail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.FileInputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.ConfigMapping;
import no.xsoffice.mail.security.CryptoConfig;
import no.xsoffice.mail.send.SendConfig;
import no.xsoffice.mail.transport.SystemRelayConfig;
import no.xsoffice.mail.smtpclient.TransportConfig;

/** The Kubernetes manifests and the compose file speak of the application's real port, probes and settings. */
@QuarkusTest
class DeploymentManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<Class<?>> MAPPINGS = List.of(CryptoConfig.class, SendConfig.class,
            SystemRelayConfig.class, TransportConfig.class);

    private static JsonNode read(String path) throws Exception {
        return YAML.readTree(new File(path));
    }

    @Test
    void shouldProbeHealthEndpointsThatAnswer() throws Exception {
        JsonNode container = read("deploy/kubernetes/deployment.yaml").at("/spec/template/spec/containers/0");
        for (String probe : new String[] { "readinessProbe", "livenessProbe", "startupProbe" }) {
            String path = container.at("/" + probe + "/httpGet/path").asText();
            given().get(path).then().statusCode(200);
        }
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
    }

    @Test
    void shouldExposeTheApplicationsHttpPort() throws Exception {
        JsonNode container = read("deploy/kubernetes/deployment.yaml").at("/spec/template/spec/containers/0");
        Properties application = new Properties();
        try (var in = new FileInputStream("src/main/resources/application.properties")) {
            application.load(in);
        }
        int port = Integer.parseInt(application.getProperty("quarkus.http.port")); // the prod port, not the test one
        assertEquals(port, container.at("/ports/0/containerPort").asInt());
        assertThat(read("deploy/compose.yaml").at("/services/xs-mail/ports/0").asText()).endsWith(":" + port);
    }

    @Test
    void shouldRunAsNonRootOnAReadOnlyFilesystemWithLimits() throws Exception {
        JsonNode spec = read("deploy/kubernetes/deployment.yaml").at("/spec");
        assertThat(spec.at("/replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(spec.at("/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        JsonNode container = spec.at("/template/spec/containers/0");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.has("resources")).as("container resources").isTrue();
        assertThat(container.at("/resources/limits").has("memory")).as("container memory limit").isTrue();
    }

    @Test
    void shouldOnlyUseSettingsTheApplicationReads() throws Exception {
        Set<String> known = knownVariables();
        List<String> used = new ArrayList<>();
        read("deploy/kubernetes/configmap.yaml").at("/data").fieldNames().forEachRemaining(used::add);
        read("deploy/kubernetes/secret-template.yaml").at("/stringData").fieldNames().forEachRemaining(used::add);
        read("deploy/compose.yaml").at("/services/xs-mail/environment").fieldNames().forEachRemaining(used::add);
        for (String variable : used) {
            assertThat(known).as(variable + " is not a setting of the application").contains(variable);
        }
    }

    /** Every setting of the service's own config mappings and of the framework, as environment variables. */
    private static Set<String> knownVariables() {
        Set<String> known = new TreeSet<>();
        for (Class<?> mapping : MAPPINGS) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, known);
        }
        ConfigProvider.getConfig().getPropertyNames().forEach(name -> known.add(env(name)));
        known.add("QUARKUS_DATASOURCE_PASSWORD");
        known.add("MP_JWT_VERIFY_PUBLICKEY");
        known.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        return known;
    }

    private static void collect(String prefix, Class<?> type, Set<String> known) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || method.isSynthetic()) {
                continue;
            }
            String name = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == type) {
                collect(name, method.getReturnType(), known);
            } else {
                known.add(env(name));
            }
        }
    }

    private static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
