package io.ticketrail.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise of issue 13, checked from outside through the events and screens APIs: every change that touched a
 * station was acknowledged by a screen of that station, or an alarm for the station was up after it.
 */
public final class SeenOrAlarmed {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The changes a cook must see (docs/protocol.md, "The missed-ticket alarm"). */
    private static final Set<String> TOUCHING =
            Set.of("ORDER_PLACED", "ITEMS_ADDED", "ITEM_VOIDED", "COURSE_FIRED", "ORDER_CANCELLED");

    private SeenOrAlarmed() {}

    /** A station with screens: one of them acknowledged {@code upTo} (every change to that point) or later. */
    public static void assertAcknowledged(String location, String station, long upTo, Duration within) {
        await(location + " " + station + " acknowledged " + upTo)
                .atMost(within)
                .untilAsserted(() -> assertThat(ackedBy(location, station)).isGreaterThanOrEqualTo(upTo));
    }

    /**
     * A station without screens: each change that touched it (by type, with an item there: a superset of what the
     * server counts, which is fine, as no screen ever acknowledges anything there) has an alarm for the station
     * raised after it, or up while it happened.
     */
    public static void assertAlarmed(String location, String station, Duration within) {
        await(location + " " + station + " alarmed")
                .atMost(within)
                .untilAsserted(() -> assertThat(uncovered(location, station))
                        .as("changes at %s with no alarm up after them", station)
                        .isEmpty());
    }

    static long ackedBy(String location, String station) {
        JsonNode screens = get(Api.json()
                .get(Api.LOCATION + "/screens", location)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        long acked = -1;
        for (JsonNode screen : screens) {
            if (("station:" + station).equals(screen.path("view").asText())) {
                acked = Math.max(acked, screen.path("ackSeq").asLong());
            }
        }
        return acked;
    }

    static List<Long> uncovered(String location, String station) {
        List<Long> pending = new ArrayList<>();
        boolean up = false;
        long after = 0;
        while (true) {
            JsonNode page = get(Api.json()
                    .queryParam("after", after)
                    .queryParam("limit", 1000)
                    .get(Api.LOCATION + "/events", location)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            JsonNode events = page.path("events");
            for (JsonNode event : events) {
                String type = event.path("type").asText();
                JsonNode state = event.path("order");
                boolean here = station.equals(state.path("station").asText());
                if (type.equals("STATION_ALARM_RAISED") && here) {
                    up = true;
                    pending.clear();
                } else if (type.equals("STATION_ALARM_CLEARED") && here) {
                    up = false;
                } else if (TOUCHING.contains(type) && !up && hasItemAt(state, station)) {
                    pending.add(event.path("seq").asLong());
                }
                after = event.path("seq").asLong();
            }
            if (events.size() < 1000) {
                return pending;
            }
        }
    }

    private static boolean hasItemAt(JsonNode order, String station) {
        for (JsonNode item : order.path("items")) {
            if (station.equals(item.path("station").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode get(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }
}
