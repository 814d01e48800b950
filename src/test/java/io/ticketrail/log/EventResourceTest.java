package io.ticketrail.log;

import java.time.Instant;
import java.util.Map;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.patch;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /events: how an integration pages through a location's log, and what it gets once retention has cut it. */
@QuarkusTest
class EventResourceTest {

    @Inject
    EventRetention retention;

    private static Response events(String location, long after, int limit) {
        return json().queryParam("after", after).queryParam("limit", limit).get(LOCATION + "/events", location);
    }

    /** An order and four commands on it: events 1 to 5. */
    private static String fiveEvents(String location) {
        String order = placedId(location, burgerAndFries());
        ok(patch(location, order, Map.of("priority", "RUSH")));
        ok(command(location, order, "stations/grill/bump"));
        ok(command(location, order, "stations/fry/bump"));
        ok(command(location, order, "complete"));
        return order;
    }

    @Test
    void pagesThroughTheLogInSeqOrder() {
        String location = createLocation();
        String order = fiveEvents(location);

        JsonPath first = ok(events(location, 0, 2));
        JsonPath second = ok(events(location, 2, 2));
        JsonPath last = ok(events(location, 4, 2));
        JsonPath caughtUp = ok(events(location, 5, 2));

        assertThat(first.getList("events.seq", Long.class)).containsExactly(1L, 2L);
        assertThat(second.getList("events.seq", Long.class)).containsExactly(3L, 4L);
        assertThat(last.getList("events.seq", Long.class)).containsExactly(5L);
        assertThat(caughtUp.getList("events")).isEmpty();
        assertThat(first.getList("events.type")).containsExactly("ORDER_PLACED", "ORDER_UPDATED");
        assertThat(first.getList("events.orderId")).containsOnly(order);
        assertThat(first.getList("events.order.id")).containsOnly(order);
        assertThat(second.getList("events.order.status")).containsExactly("IN_PROGRESS", "READY");
        assertThat(last.getList("events.order.version", Long.class)).containsExactly(4L);
        assertThat(first.getString("events[0].occurredAt")).isNotNull();
        for (JsonPath page : new JsonPath[] {first, second, last, caughtUp}) {
            assertThat(page.getLong("head")).isEqualTo(5);
            assertThat(page.getString("epoch"))
                    .isEqualTo(first.getString("epoch"))
                    .isNotBlank();
        }
    }

    @Test
    void afterOlderThanRetainedIsGoneButTheRetentionEdgeStillReads() {
        String location = createLocation();
        fiveEvents(location);
        Instant third = Instant.parse(ok(events(location, 2, 1)).getString("events[0].occurredAt"));

        // cuts every location's log, but tests run one at a time and each reads only its own location
        retention.deleteOlderThan(third);

        JsonPath gone = problem(events(location, 1, 10), 410);
        assertThat(gone.getString("type")).isEqualTo("/problems/events-expired");
        assertThat(gone.getLong("minRetainedSeq")).isEqualTo(3);
        problem(events(location, 0, 10), 410);
        JsonPath edge = ok(events(location, 2, 10));
        assertThat(edge.getList("events.seq", Long.class)).containsExactly(3L, 4L, 5L);
    }
}
