package io.ticketrail.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.AppProcess;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.kitchen;
import static io.ticketrail.testsupport.Api.newLocationId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The restore path of deploy/README.md ("Backup and restore"), on a PostgreSQL of the test's own: a base backup
 * (pg_backup_start, a file copy, pg_backup_stop: the embedded binaries have no pg_basebackup) and archived WAL, a
 * point-in-time recovery into a new data directory, the runbook's new epochs, and a running Ticketrail whose open
 * screens end with the restored log: they saw entries the restored log lost, and must not keep them.
 */
class RestoreIT extends WithOwnDatabase {

    private static final Duration RECOVERY = Duration.ofSeconds(90);
    /** The files of a running cluster that a base backup leaves out (PostgreSQL's "Making a Base Backup"). */
    private static final Set<String> NOT_BACKED_UP =
            Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "pg_internal.init");

    @Test
    void screensEndWithTheLogRestoredToAPointInTime() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("wal-archive"));
        Path primary = dir.resolve("primary");
        database = OwnPostgres.start(
                primary,
                0,
                Map.of(
                        "wal_level", "replica",
                        "archive_mode", "on",
                        "archive_command", "cp %p " + archive + "/%f"));
        int port = database.port();
        app = AppProcess.start(
                "restore",
                database.appSettings(Map.of(
                        "ticketrail.feed.ping-interval",
                        "2s",
                        // no station alarm entries while the database is away: the restored log's head stays known
                        "ticketrail.presence.unseen-after",
                        "1h",
                        "ticketrail.presence.no-screen-after",
                        "1h")));
        String token = OwnPostgres.signIn(app);
        String location = newLocationId();
        OwnPostgres.as(token, app)
                .body(kitchen(false))
                .put(LOCATION, location)
                .then()
                .statusCode(201);
        String first = place(token, location);

        Path backup = dir.resolve("base-backup");
        String backupLabel = baseBackup(primary, backup);
        String second = place(token, location);
        // the point to restore to: just after the second order's commit. The insert position, not the write one:
        // the embedded server commits asynchronously, so its write position may still be before that commit.
        String target = database.text("select pg_current_wal_insert_lsn()::text");
        place(token, location);

        FeedClient screen = screens.connectAs(token, app.baseUri(), location, "view=expo");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> screen.state().orders().size() == 3);
        long seqBefore = screen.state().seq();
        String epochBefore = screen.state().epoch();
        archiveCurrentWal();
        database.close();
        database = null;

        Path restored = dir.resolve("restored");
        copyDataDirectory(backup, restored);
        Files.writeString(restored.resolve("backup_label"), backupLabel);
        Files.createFile(restored.resolve("recovery.signal"));
        database = OwnPostgres.start(
                restored,
                port,
                Map.of(
                        "restore_command",
                        "cp " + archive + "/%f %p",
                        "recovery_target_lsn",
                        target,
                        "recovery_target_action",
                        "promote"));
        await("recovery ends").atMost(RECOVERY).until(() -> "f".equals(database.text("select pg_is_in_recovery()")));
        assertThat(database.text("select string_agg(id::text, ',' order by number) from kitchen_order"))
                .as("orders in the database restored to %s", target)
                .isEqualTo(first + "," + second);
        // the runbook's step before Ticketrail is pointed at a restored database: every log gets a new epoch
        database.execute("update location_stream set epoch = gen_random_uuid()");

        String epochAfter =
                database.text("select epoch::text from location_stream where location_id = '" + location + "'");
        await("the open screen shows the restored log").atMost(RECOVERY).untilAsserted(() -> {
            assertThat(screen.state().epoch()).isEqualTo(epochAfter);
            assertThat(screen.state().orders()).containsOnlyKeys(first, second);
        });
        assertThat(epochAfter).isNotEqualTo(epochBefore);
        assertThat(screen.state().seq()).isEqualTo(2).isLessThan(seqBefore);
    }

    private String place(String token, String location) {
        return OwnPostgres.as(token, app)
                .body(burgerAndFries())
                .post(LOCATION + "/orders", location)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A base backup of the running primary; returns the backup_label the restore needs. */
    private String baseBackup(Path from, Path to) throws SQLException {
        try (Connection c = database.connect();
                Statement s = c.createStatement()) {
            // the label and the stop must come from the session that started the backup
            s.execute("select pg_backup_start('restore-it', true)");
            copyDataDirectory(from, to);
            try (ResultSet rs = s.executeQuery("select labelfile from pg_backup_stop(true)")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Ends the current WAL segment and waits until archive_command copied it. */
    private void archiveCurrentWal() {
        String segment = database.text("select pg_walfile_name(pg_switch_wal())");
        await("WAL segment " + segment + " archived")
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    String last = database.text("select coalesce(last_archived_wal, '') from pg_stat_archiver");
                    return last.compareTo(segment) >= 0;
                });
    }

    /** Copies a data directory as a base backup does: without pg_wal's contents and the running server's files. */
    private static void copyDataDirectory(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(source);
                Path target = to.resolve(relative.toString());
                if (NOT_BACKED_UP.contains(source.getFileName().toString())
                        || (relative.getNameCount() > 1
                                && relative.getName(0).toString().equals("pg_wal"))) {
                    continue;
                }
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (NoSuchFileException vanished) {
                    // removed by PostgreSQL while the backup ran: the WAL replay recreates what it needs
                }
            }
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
