package io.ticketrail.config;

import java.util.List;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The embedded default: when no datasource URL is configured and {@code ticketrail.embedded-db.enabled} is true,
 * Ticketrail runs its own PostgreSQL and points the datasource at it. Configuration is the one hook that runs
 * before Flyway and Hibernate need a database, so this is where it starts.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String ENABLED = "ticketrail.embedded-db.enabled";
    static final String DATA_DIR = "ticketrail.embedded-db.data-dir";
    static final String PORT = "ticketrail.embedded-db.port";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!isTrue(context.getValue(ENABLED)) || isSet(context.getValue(JDBC_URL))) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue(DATA_DIR);
        ConfigValue port = context.getValue(PORT);
        return List.of(new EmbeddedPostgresConfigSource(
                isSet(dataDir) ? dataDir.getValue() : ".ticketrail/postgres",
                isSet(port) ? OptionalInt.of(Integer.parseInt(port.getValue())) : OptionalInt.empty()));
    }

    @Override
    public OptionalInt getPriority() {
        // below environment variables (300) and system properties (400), so an explicit URL always wins
        return OptionalInt.of(200);
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static boolean isTrue(ConfigValue value) {
        return isSet(value) && Boolean.parseBoolean(value.getValue().trim());
    }
}
