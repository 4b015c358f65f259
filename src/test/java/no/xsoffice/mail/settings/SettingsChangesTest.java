package no.xsoffice.mail.settings;

import static no.xsoffice.mail.Api.asUser;
import static no.xsoffice.mail.Api.newId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import no.xsoffice.mail.http.ETags.Tagged;
import no.xsoffice.mail.preferences.MailPreferences;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.settings.SettingsCache.Kind;

@QuarkusTest
class SettingsChangesTest {

    private static final String PATH = "/api/v1/users/me/mail-preferences";

    @Inject
    AgroalDataSource database;

    @Inject
    SettingsCache cache;

    private final String userId = newId("user");
    private final String orgId = newId("org");
    private final UserRef user = new UserRef(orgId, userId);

    private RequestSpecification me() {
        return asUser(userId, orgId);
    }

    @BeforeEach
    void savePreferencesAndReadThemOnce() {
        eventually(10).until(cache::listening);
        me().body("""
                { "defaultBcc": "arkiv@firma.no" }""").put(PATH).then().statusCode(200);
        me().get(PATH).then().statusCode(200).body("defaultBcc", equalTo("arkiv@firma.no"));
    }

    @Test
    void shouldAnswerARepeatedReadFromMemory() {
        Tagged held = cache.held(user, Kind.PREFERENCES);
        assertNotNull(held);
        String tag = me().get(PATH).then().statusCode(200).body("defaultBcc", equalTo("arkiv@firma.no"))
                .extract().header("ETag");
        assertEquals(held.tag(), tag);
    }

    @Test
    void shouldSeeAChangeMadeByAnotherReplica() throws SQLException {
        updateBcc("annen@firma.no", false);
        eventually(5).untilAsserted(() ->
                me().get(PATH).then().statusCode(200).body("defaultBcc", equalTo("annen@firma.no")));
    }

    @Test
    void shouldForgetWhatThisReplicaWritesBeforeTheChangeIsAnnounced() {
        QuarkusTransaction.requiringNew().run(() -> {
            MailPreferences preferences = MailPreferences.lockFor(user).orElseThrow();
            preferences.defaultBcc = "ny@firma.no";
            preferences.flush();
            assertNull(cache.held(user, Kind.PREFERENCES));
        });
        me().get(PATH).then().statusCode(200).body("defaultBcc", equalTo("ny@firma.no"));
    }

    @Test
    void shouldReadFromTheDatabaseWhileChangesCannotBeHeard() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where application_name = 'xs-mail settings listener' and datname = current_database()");
        }
        updateBcc("uannonsert@firma.no", true);
        eventually(5).untilAsserted(() ->
                me().get(PATH).then().statusCode(200).body("defaultBcc", equalTo("uannonsert@firma.no")));
        eventually(10).until(cache::listening);
    }

    /** Waits for a condition; what other tests' server threads throw meanwhile is theirs, not this test's. */
    private static ConditionFactory eventually(int seconds) {
        return await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(seconds));
    }

    /** Changes the row as another replica or a script would: past this replica's entity manager. */
    private void updateBcc(String bcc, boolean unannounced) throws SQLException {
        try (Connection c = database.getConnection()) {
            if (unannounced) {
                try (Statement s = c.createStatement()) {
                    s.execute("set session_replication_role = replica");
                }
            }
            try (PreparedStatement update = c.prepareStatement(
                    "update mail_preferences set default_bcc = ? where org_id = ? and user_id = ?")) {
                update.setString(1, bcc);
                update.setString(2, orgId);
                update.setString(3, userId);
                assertEquals(1, update.executeUpdate());
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("reset session_replication_role");
                }
            }
        }
    }
}
