package io.ticketrail.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test's own instance (A) when it works with instances started from the packaged application: the same short
 * ping as theirs, so a screen whose view skipped the last entries still reaches the head within seconds.
 */
public class MultiInstanceProfile implements QuarkusTestProfile {

    /**
     * Settings every instance of a multi-instance test runs with, A and the ones started by {@link AppProcess}.
     * Their screens all open with the one manager session of {@link Auth#managerToken()}: when an instance stops,
     * its screens move to one instance, past the 16 feeds a session may hold there, so that limit is off.
     */
    public static final Map<String, String> FEED =
            Map.of("ticketrail.feed.ping-interval", "2s", "ticketrail.access.limits.connections-per-session", "0");

    @Override
    public Map<String, String> getConfigOverrides() {
        return FEED;
    }
}
