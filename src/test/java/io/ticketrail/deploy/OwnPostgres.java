package io.ticketrail.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.ticketrail.testsupport.AppProcess;
import io.ticketrail.testsupport.Auth;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static io.restassured.RestAssured.given;

/**
 * A PostgreSQL server of a test's own (not the shared test database), with a data directory the test chooses, for
 * what the shared one cannot do: start from an old schema, archive its WAL, be stopped and replaced by a restore.
 */
final class OwnPostgres implements AutoCloseable {

    static final String MANAGER_PASSWORD = "own-" + UUID.randomUUID();

    private final EmbeddedPostgres postgres;

    private OwnPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts on {@code dataDirectory}: initdb when it holds no cluster yet, else the cluster found there. The
     * settings go to postgresql.conf (later lines win), since values with spaces do not survive the command line.
     */
    static OwnPostgres start(Path dataDirectory, int port, Map<String, String> settings) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        if (Files.exists(dataDirectory.resolve("postgresql.conf"))) {
            configure(dataDirectory, settings);
        } else {
            builder.setDataDirectoryCustomizer(created -> configure(created.toPath(), settings));
        }
        try {
            return new OwnPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL on " + dataDirectory, e);
        }
    }

    private static void configure(Path dataDirectory, Map<String, String> settings) {
        StringBuilder lines = new StringBuilder("\n");
        settings.forEach((key, value) -> lines.append(key)
                .append(" = '")
                .append(value.replace("'", "''"))
                .append("'\n"));
        try {
            Files.writeString(dataDirectory.resolve("postgresql.conf"), lines, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    void execute(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    String text(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The settings of a packaged instance on this database, on top of {@code extra}, with its first manager. */
    Map<String, String> appSettings(Map<String, String> extra) {
        Map<String, String> settings = new TreeMap<>(extra);
        settings.put("quarkus.datasource.jdbc.url", jdbcUrl());
        settings.put("ticketrail.access.bootstrap.password", MANAGER_PASSWORD);
        return settings;
    }

    static String signIn(AppProcess app) {
        return given().baseUri(base(app.baseUri()))
                .port(app.baseUri().getPort())
                .contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", MANAGER_PASSWORD))
                .post("/api/v1/session")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    /** A JSON request as {@code token} to {@code app}. */
    static RequestSpecification as(String token, AppProcess app) {
        return Auth.as(token).baseUri(base(app.baseUri())).port(app.baseUri().getPort());
    }

    static String base(URI uri) {
        return uri.getScheme() + "://" + uri.getHost();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
