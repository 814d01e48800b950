package io.ticketrail.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.concurrently;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.kitchenWith;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Api.putLocation;
import static io.ticketrail.testsupport.Problems.invalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timed fire: course N+1 goes to the kitchen a location's courseFireDelayMinutes after course N was bumped, once.
 * The job is driven with the instant it believes it is, so the test waits for no clock.
 */
@QuarkusTest
class TimedFireTest {

    @Inject
    TimedFire timedFire;

    @Test
    void theNextCourseFiresOnceTheDelayAfterThePreviousOneWasBumpedAndOnlyOnce() throws Exception {
        String location = createLocation(Map.of("courseFireDelayMinutes", 8));
        String order = placedId(
                location,
                orderOf(List.of(item("Soup", "burgers", 1), item("Steak", "burgers", 2), item("Sundae", "fries", 3))));

        assertThat(timedFire.fireDue(Instant.now().plus(Duration.ofHours(1))))
                .as("course 1 is still cooking: nothing is due, however late")
                .isZero();
        Instant bumped = Instant.parse(
                ok(command(location, order, "stations/grill/bump")).getString("items[0].doneAt"));

        assertThat(timedFire.fireDue(bumped.plus(Duration.ofMinutes(8)).minusSeconds(1)))
                .isZero();
        // two replicas find it due at the same moment; the stream lock lets one of them fire it
        Callable<Integer> replica = () -> timedFire.fireDue(bumped.plus(Duration.ofMinutes(8)));
        assertThat(concurrently(List.of(replica, replica)))
                .as("courses fired by each replica")
                .containsExactlyInAnyOrder(0, 1);

        assertThat(getOrder(location, order).jsonPath().getList("items.status"))
                .containsExactly("DONE", "QUEUED", "HELD");
        List<Map<String, Object>> events = json().get(LOCATION + "/events", location)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("events");
        assertThat(events)
                .filteredOn(e -> e.get("type").equals("COURSE_FIRED"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("system:timed-fire"));
        assertThat(getOrder(location, order).jsonPath().getList("notices.kind")).contains("COURSE_FIRED");
        assertThat(timedFire.fireDue(bumped.plus(Duration.ofHours(1))))
                .as("course 3 waits for course 2")
                .isZero();
    }

    @Test
    void aLocationWithoutADelayFiresNothingByItself() {
        String location = createLocation();
        String order = placedId(location, orderOf(List.of(item("Soup", "burgers", 1), item("Steak", "burgers", 2))));
        ok(command(location, order, "stations/grill/bump"));
        long head = Db.head(location);

        timedFire.fireDue(Instant.now().plus(Duration.ofDays(1)));

        assertThat(Db.head(location)).isEqualTo(head);
        assertThat(getOrder(location, order).jsonPath().getString("items[1].status"))
                .isEqualTo("HELD");
    }

    @Test
    void theDelayIsALocationSettingFromOneTo240MinutesOrNone() {
        String location = createLocation(Map.of("courseFireDelayMinutes", 12));
        assertThat(json().get(LOCATION, location)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getInt("courseFireDelayMinutes"))
                .isEqualTo(12);
        invalid(putLocation(location, kitchenWith(Map.of("courseFireDelayMinutes", 0))), 400, "courseFireDelayMinutes");
    }
}
