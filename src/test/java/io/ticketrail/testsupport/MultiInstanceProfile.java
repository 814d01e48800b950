package io.ticketrail.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test's own instance (A) when it works with instances started from the packaged application: the same short
 * ping as theirs, so a screen whose view skipped the last entries still reaches the head within seconds.
 */
public class MultiInstanceProfile implements QuarkusTestProfile {

    /** Settings every instance of a multi-instance test runs with, A and the ones started by {@link AppProcess}. */
    public static final Map<String, String> FEED = Map.of("ticketrail.feed.ping-interval", "2s");

    @Override
    public Map<String, String> getConfigOverrides() {
        return FEED;
    }
}
