package io.ticketrail.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketrail.feed.FeedProjection;
import io.ticketrail.feed.FeedView;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.order.OrderPage;
import io.ticketrail.order.OrderView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a screen must show, worked out independently of the feed: the location's open orders as the REST API reads
 * them from the database, projected with {@link FeedProjection}. A converged screen is at the location's head and
 * shows exactly that, order by order and field by field.
 */
public final class FeedTruth {

    /** Parses the projection the way {@link FeedClient} parses what the server sent. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final ObjectMapper app;

    /** @param app the application's ObjectMapper (JavaTimeModule, ISO dates), to read and write as it does */
    public FeedTruth(ObjectMapper app) {
        this.app = app;
    }

    /** A screen under test: which location and view it follows. */
    public record Watched(String name, String locationId, FeedView view, FeedClient client) {}

    /** Waits until every screen has its first snapshot. */
    public static void awaitSnapshots(List<Watched> screens, Duration within) {
        await("a snapshot on every screen")
                .atMost(within)
                .untilAsserted(() -> assertThat(screens)
                        .allSatisfy(s -> assertThat(s.client().state().seq())
                                .as(s.name() + " seq")
                                .isNotNegative()));
    }

    /** The query string of a feed URI for this view. */
    public static String query(FeedView view) {
        return "view=" + view.kind().name().toLowerCase(Locale.ROOT)
                + (view.station() == null ? "" : "&station=" + view.station());
    }

    /**
     * Waits until every screen is at its location's head, then asserts each shows what the database says. The head
     * is read again on every try: the alarm leader appends a station's alarm raised or cleared seconds after the
     * change that caused it, so a location's head may still move after the last command was answered.
     */
    public void assertConverged(List<Watched> screens, Duration within) {
        await("every screen at its location's head").atMost(within).untilAsserted(() -> {
            Map<String, Long> heads = new HashMap<>();
            screens.forEach(s -> heads.computeIfAbsent(s.locationId(), Db::head));
            assertThat(screens)
                    .allSatisfy(s -> assertThat(s.client().state().seq())
                            .as(s.name() + " seq")
                            .isEqualTo(heads.get(s.locationId())));
        });
        Map<String, List<OrderView>> open = new HashMap<>();
        for (Watched screen : screens) {
            assertShows(screen, open.computeIfAbsent(screen.locationId(), this::ordersOnTheLine));
        }
    }

    /**
     * The location's orders on the line ({@link OrderView#onTheLine()}): the open ones and the cancelled ones a
     * screen has not acknowledged, read through the REST API of the test's own instance.
     */
    public List<OrderView> ordersOnTheLine(String locationId) {
        List<OrderView> orders = new ArrayList<>(orders(locationId, "open"));
        orders(locationId, "cancelled").stream().filter(OrderView::onTheLine).forEach(orders::add);
        return orders;
    }

    private List<OrderView> orders(String locationId, String status) {
        String body = Api.json()
                .queryParam("status", status)
                .queryParam("size", 500)
                .get(Api.LOCATION + "/orders", locationId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            OrderPage page = app.readValue(body, OrderPage.class);
            assertThat(page.orders())
                    .as("%s orders of %s fit on one page", status, locationId)
                    .hasSize((int) page.total());
            return page.orders();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable order page: " + body, e);
        }
    }

    /** The orders a screen of {@code view} must show, by id, as JSON. */
    public Map<String, JsonNode> expected(FeedView view, List<OrderView> open) {
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        for (OrderView order : open) {
            FeedProjection.project(view, order).ifPresent(shown -> {
                try {
                    expected.put(order.id().toString(), PLAIN.readTree(app.writeValueAsString(shown)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return expected;
    }

    private void assertShows(Watched screen, List<OrderView> open) {
        Map<String, JsonNode> expected = expected(screen.view(), open);
        Map<String, JsonNode> shown = screen.client().state().orders();
        assertThat(shown.keySet())
                .as("%s: the ids of the orders it shows", screen.name())
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        List<String> differences = new ArrayList<>();
        expected.forEach((id, order) -> differences(id, order, shown.get(id), differences));
        assertThat(differences)
                .as("%s: fields that differ from the database (expected vs shown)", screen.name())
                .isEmpty();
    }

    /** Adds one line per differing leaf, with its path, so a failure names the field. */
    private static void differences(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (Objects.equals(expected, actual)) {
            return;
        }
        if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> differences(path + "." + name, expected.get(name), actual.get(name), out));
        } else if (expected != null
                && actual != null
                && expected.isArray()
                && actual.isArray()
                && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                differences(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else {
            out.add(path + ": " + expected + " vs " + actual);
        }
    }
}
