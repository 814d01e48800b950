package io.ticketrail.deploy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.AppProcess;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An upgrade as deploy/ runs it, on a database of the previous release with data in it: the init container
 * (init-and-exit with migrate-at-start) migrates and exits, then the application starts validating only, and serves
 * what the previous release wrote.
 */
class MigrationIT extends WithOwnDatabase {

    /**
     * The last migration of the previous release; raise it at each release, so the migrations after it are the ones
     * this test runs against old data.
     */
    static final String PREVIOUS_RELEASE = "8";

    /** What deploy/components/postgres-cnpg sets on the init container and on the application. */
    static final Map<String, String> INIT_CONTAINER =
            Map.of("quarkus.init-and-exit", "true", "quarkus.flyway.migrate-at-start", "true");

    static final Map<String, String> APPLICATION =
            Map.of("quarkus.flyway.migrate-at-start", "false", "quarkus.flyway.validate-at-start", "true");

    @Test
    void theInitContainerMigratesThePreviousReleasesDataAndTheApplicationServesIt() {
        database = OwnPostgres.start(dir.resolve("data"), 0, Map.of());
        Flyway.configure()
                .dataSource(database.jdbcUrl(), "postgres", "")
                .locations("classpath:db/migration")
                .target(PREVIOUS_RELEASE)
                .load()
                .migrate();
        String location = "mig-" + UUID.randomUUID().toString().substring(0, 8);
        UUID order = UUID.randomUUID();
        previousReleaseData(location, order);

        AppProcess migrate = AppProcess.launch("migrate", database.appSettings(INIT_CONTAINER));
        assertThat(migrate.waitFor(Duration.ofSeconds(60)))
                .as("the init container's exit code; its log ends with:%n%s", migrate.logTail(30))
                .isZero();
        assertThat(database.text("select count(*) from flyway_schema_history where not success"))
                .isEqualTo("0");

        app = AppProcess.start("migrated", database.appSettings(APPLICATION));
        String token = OwnPostgres.signIn(app);
        OwnPostgres.as(token, app)
                .get(ORDER, location, order)
                .then()
                .statusCode(200)
                .body("number", equalTo(7));
        FeedClient screen = screens.connectAs(token, app.baseUri(), location, "view=station&station=grill");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(screen.state().orders()).containsOnlyKeys(order.toString()));
        assertThat(screen.state().epoch()).isEqualTo(database.text("select epoch::text from location_stream"));
        // and it keeps working on the old data: the next entry follows the old log's head
        OwnPostgres.as(token, app)
                .post(ORDER + "/stations/grill/bump", location, order)
                .then()
                .statusCode(200);
        assertThat(database.text("select last_seq from location_stream")).isEqualTo("2");
    }

    /** A location with one open order, as the previous release stored them (written with its schema's SQL). */
    private void previousReleaseData(String location, UUID order) {
        String state = "{\"id\":\"" + order + "\"}";
        database.execute("""
                insert into location (id, name, time_zone, warn_after_seconds, late_after_seconds, default_station,
                                      recall_window_seconds, created_at, updated_at)
                     values ('%1$s', 'Old Kitchen', 'Europe/Berlin', 300, 600, 'grill', 300, now(), now());
                insert into station (location_id, id, name, kind, position)
                     values ('%1$s', 'grill', 'Grill', 'PREP', 0), ('%1$s', 'expo', 'Expo', 'EXPO', 1);
                insert into route (location_id, category, station_id) values ('%1$s', 'burgers', 'grill');
                insert into location_stream (location_id, epoch, last_seq, min_retained_seq)
                     values ('%1$s', gen_random_uuid(), 1, 1);
                insert into kitchen_order (id, location_id, external_id, number, business_day, channel, priority,
                                           status, content_hash, placed_at, updated_at, version)
                     values ('%2$s', '%1$s', 'pos-old-1', 7, current_date, 'DINE_IN', 'NORMAL', 'NEW', 'old',
                             now(), now(), 0);
                insert into order_item (id, order_id, position, name, qty, category, station_id, status, modifiers,
                                        allergens, course, changed, fired_at)
                     values (gen_random_uuid(), '%2$s', 0, 'Cheeseburger', 1, 'burgers', 'grill', 'QUEUED', '{}',
                             '{}', 1, false, now());
                insert into order_event (location_id, seq, order_id, order_version, type, actor, occurred_at, state)
                     values ('%1$s', 1, '%2$s', 0, 'ORDER_PLACED', 'pos', now(), '%3$s');
                """.formatted(location, order, state));
    }
}
