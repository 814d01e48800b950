package io.ticketrail.fault;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.ticketrail.testsupport.PostgresResource;

/**
 * The test application reaches the test PostgreSQL through {@link #PROXY}, so a test can take the database away
 * from the application alone while it still reads the truth directly (Db). The pool waits 10 s for a connection
 * here, twice the production value, so that an answer within a second or two cannot be the pool giving up.
 */
public class ProxiedDatabaseProfile implements QuarkusTestProfile {

    public static final DatabaseProxy PROXY = new DatabaseProxy(() ->
            URI.create(PostgresResource.jdbcUrl().substring("jdbc:".length())).getPort());

    static final long ACQUISITION_TIMEOUT_SECONDS = 10;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ThroughTheProxy.class));
    }

    /**
     * The proxy's URL as a test resource that starts after PostgresResource (order), whose properties are applied
     * after that one's: both name quarkus.datasource.jdbc.url.
     */
    public static final class ThroughTheProxy implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    PROXY.jdbcUrl(),
                    "quarkus.datasource.jdbc.acquisition-timeout",
                    ACQUISITION_TIMEOUT_SECONDS + "S");
        }

        @Override
        public void stop() {
            PROXY.restore();
        }

        @Override
        public int order() {
            return 1;
        }
    }
}
