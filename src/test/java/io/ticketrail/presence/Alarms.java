package io.ticketrail.presence;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketrail.testsupport.Api;

import static io.ticketrail.testsupport.Api.json;

/** A location's open alarms and log entries as expo, the manager and an integration read them. */
final class Alarms {

    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Alarm(String station, String kind, String raisedAt, Detail detail) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Detail(String station, List<String> reasons, List<Ticket> tickets, String printer, String error) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ticket(String orderId, int number, long seq) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(long seq, String type, String orderId, String actor, Map<String, Object> order) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Page(List<Entry> events) {}

    private Alarms() {}

    /**
     * The thresholds a test can wait out: a change unseen for 3 s, a screen silent for 4 s (which the server
     * stretches to two ping intervals, so a quiet screen that acknowledges its pings stays live).
     */
    static Map<String, Object> shortThresholds() {
        return Map.of("unseenAfterSeconds", UNSEEN_AFTER_SECONDS, "noScreenAfterSeconds", NO_SCREEN_AFTER_SECONDS);
    }

    static final int UNSEEN_AFTER_SECONDS = 3;
    static final int NO_SCREEN_AFTER_SECONDS = 4;

    static List<Alarm> open(String location) {
        return read(
                json().get(Api.LOCATION + "/alarms", location)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                new TypeReference<List<Alarm>>() {});
    }

    static List<Alarm> open(String location, String station, String kind) {
        return open(location).stream()
                .filter(a -> a.station().equals(station) && a.kind().equals(kind))
                .toList();
    }

    /** The location's log entries of this type, through the events API. */
    static List<Entry> entries(String location, String type) {
        Page page = read(
                json().queryParam("limit", 1000)
                        .get(Api.LOCATION + "/events", location)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                new TypeReference<Page>() {});
        return page.events().stream().filter(e -> e.type().equals(type)).toList();
    }

    private static <T> T read(String body, TypeReference<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(body, e);
        }
    }
}
