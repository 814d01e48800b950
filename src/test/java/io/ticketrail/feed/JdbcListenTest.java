package io.ticketrail.feed;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The JDBC driver's own thread: what a URL the Vert.x client cannot take exactly (or the setting) falls back to. */
@QuarkusTest
@TestProfile(JdbcListenTest.JdbcListen.class)
class JdbcListenTest extends ListenContract {

    @Override
    FeedConfig.ListenDriver expectedDriver() {
        return FeedConfig.ListenDriver.JDBC;
    }

    public static final class JdbcListen implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketrail.feed.listen-driver", "jdbc");
        }
    }
}
