package io.ticketrail.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run that was killed leaves its PostgreSQL running on the data directory; the next run takes it over. It must
 * then own it like one it started: hand out the same URL on every read and stop it when it ends.
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void aLeftoverServerIsTakenOverAndStoppedWhenTheRunThatTookItOverEnds() throws Exception {
        EmbeddedPostgres leftover = leftover();
        try {
            Process run = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-cp",
                            System.getProperty("java.class.path"),
                            EmbeddedPostgresServerTest.class.getName(),
                            dataDir.toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(output).contains("jdbc:postgresql://localhost:" + leftover.getPort() + "/postgres");
            await().atMost(Duration.ofSeconds(20)).until(() -> !EmbeddedPostgresServer.accepts(leftover.getPort()));
        } finally {
            closeQuietly(leftover);
        }
    }

    @Test
    void aTakenOverServerIsNotLookedForAgainOnEveryRead() throws Exception {
        EmbeddedPostgres leftover = leftover();
        String first;
        try {
            first = EmbeddedPostgresServer.jdbcUrl(dataDir.toString(), OptionalInt.empty());
        } finally {
            // gone now: a read that looked again would start a server of its own on another port
            closeQuietly(leftover);
        }
        String second;
        try {
            second = EmbeddedPostgresServer.jdbcUrl(dataDir.toString(), OptionalInt.empty());
        } finally {
            System.clearProperty("ticketrail.embedded-db.running-port");
        }

        assertThat(first).isEqualTo("jdbc:postgresql://localhost:" + leftover.getPort() + "/postgres");
        assertThat(second).isEqualTo(first);
    }

    /** What the child JVM runs: take the data directory's server over, read the URL twice, print it, end. */
    public static void main(String[] args) {
        String dataDir = args[0];
        EmbeddedPostgresServer.jdbcUrl(dataDir, OptionalInt.empty());
        System.out.println(EmbeddedPostgresServer.jdbcUrl(dataDir, OptionalInt.empty()));
    }

    private EmbeddedPostgres leftover() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .start();
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // already stopped by the run that took it over
        }
    }
}
