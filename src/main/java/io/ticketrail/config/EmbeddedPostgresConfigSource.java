package io.ticketrail.config;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource settings of the embedded PostgreSQL. The server starts on the first read of the URL,
 * not when the source is created, so a build step that only lists property names starts nothing.
 */
final class EmbeddedPostgresConfigSource implements ConfigSource {

    private static final String USERNAME = "quarkus.datasource.username";
    private static final String PASSWORD = "quarkus.datasource.password";
    private static final Set<String> NAMES = Set.of(EmbeddedPostgresConfigSourceFactory.JDBC_URL, USERNAME, PASSWORD);

    private final String dataDir;
    private final OptionalInt port;

    EmbeddedPostgresConfigSource(String dataDir, OptionalInt port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                EmbeddedPostgresConfigSourceFactory.JDBC_URL,
                getValue(EmbeddedPostgresConfigSourceFactory.JDBC_URL),
                USERNAME,
                EmbeddedPostgresServer.USER,
                PASSWORD,
                EmbeddedPostgresServer.PASSWORD);
    }

    @Override
    public String getValue(String propertyName) {
        return switch (propertyName) {
            case EmbeddedPostgresConfigSourceFactory.JDBC_URL -> EmbeddedPostgresServer.jdbcUrl(dataDir, port);
            case USERNAME -> EmbeddedPostgresServer.USER;
            case PASSWORD -> EmbeddedPostgresServer.PASSWORD;
            default -> null;
        };
    }

    @Override
    public int getOrdinal() {
        return 200;
    }

    @Override
    public String getName() {
        return "ticketrail-embedded-postgres";
    }
}
