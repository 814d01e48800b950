package io.ticketrail.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The safety nets an hour away: no feed ping and no webhook poll within a test, so that what happens within seconds
 * can only come from the event that should cause it (a stream's end, an endpoint registered, a key revoked).
 */
public class QuietTimersProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("ticketrail.webhooks.poll-interval", "1h", "ticketrail.feed.ping-interval", "1h");
    }
}
