package io.ticketrail.feed;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.order;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class FeedSocketTest extends WithScreens {

    @Test
    void firstConnectGetsASnapshotOfTheViewsOpenOrders() {
        String location = createLocation();
        String orderId = placed(location, burgerAndFries()).jsonPath().getString("id");

        FeedClient grill = screens.connect(base, location, "view=station&station=grill");

        await().atMost(WAIT).until(() -> grill.state().seq() == 1);
        JsonNode snapshot = grill.received().get(0);
        assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.path("orders")).hasSize(1);
        JsonNode ticket = snapshot.path("orders").get(0);
        assertThat(ticket.path("id").asText()).isEqualTo(orderId);
        assertThat(ticket.path("items")).hasSize(1);
        assertThat(ticket.path("items").get(0).path("station").asText()).isEqualTo("grill");
        assertThat(ticket.path("otherItems").asInt()).isEqualTo(1);
    }

    @Test
    void aCommandReachesEveryAffectedViewOnceAndNoOther() {
        String location = createLocation();
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        FeedClient fry = screens.connect(base, location, "view=station&station=fry");
        FeedClient expo = screens.connect(base, location, "view=expo");
        await().atMost(WAIT)
                .until(() -> grill.state().seq() == 0
                        && fry.state().seq() == 0
                        && expo.state().seq() == 0);

        String grillOnly = placed(
                        location, order("grill-only-" + UUID.randomUUID(), List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getString("id");

        await().atMost(WAIT)
                .until(() -> grill.state().orders().containsKey(grillOnly)
                        && expo.state().orders().containsKey(grillOnly));
        assertThat(diffsWithChanges(grill)).hasSize(1);
        assertThat(diffsWithChanges(expo)).hasSize(1);

        // a later fry order proves the fry screen is live and was sent nothing about the grill-only order
        String fryOrder = placed(location, order("fry-" + UUID.randomUUID(), List.of(item("Fries", "fries"))))
                .jsonPath()
                .getString("id");
        await().atMost(WAIT).until(() -> fry.state().orders().containsKey(fryOrder));
        assertThat(fry.received().toString()).doesNotContain(grillOnly);
        // the grill-only entry still advanced the fry screen's seq (in this diff, or in an empty one before a ping)
        assertThat(diffsWithChanges(fry)).hasSize(1);
        assertThat(diffsWithChanges(fry).get(0).path("to").asLong()).isEqualTo(2);
        assertThat(fry.state().seq()).isEqualTo(2);
    }

    @Test
    void bumpedGrillItemsLeaveTheGrillAndShowAsDoneOnExpo() {
        String location = createLocation();
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        FeedClient expo = screens.connect(base, location, "view=expo");
        String orderId = placed(location, burgerAndFries()).jsonPath().getString("id");
        await().atMost(WAIT).until(() -> grill.state().orders().containsKey(orderId));

        command(location, orderId, "stations/grill/bump").then().statusCode(200);

        await().atMost(WAIT).until(() -> !grill.state().orders().containsKey(orderId));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(expo.state()
                                .orders()
                                .get(orderId)
                                .path("stations")
                                .findValues("done")
                                .toString())
                        .isEqualTo("[1, 0]"));
        assertThat(grill.state().seq()).isEqualTo(2);
    }

    @Test
    void ticketsCarryTheFireTimeOfTheirLatestCourse() {
        String location = createLocation();
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        FeedClient fry = screens.connect(base, location, "view=station&station=fry");
        FeedClient expo = screens.connect(base, location, "view=expo");
        var placed = placed(
                location,
                order(
                        "courses-" + UUID.randomUUID(),
                        List.of(item("Soup", "burgers", 1), item("Steak", "burgers", 2), item("Fries", "fries", 2))));
        String orderId = placed.jsonPath().getString("id");
        Instant placedAt = Instant.parse(placed.jsonPath().getString("placedAt"));
        await().atMost(WAIT)
                .until(() -> grill.state().orders().containsKey(orderId)
                        && expo.state().orders().containsKey(orderId));
        assertThat(firedAt(grill, orderId)).isEqualTo(placedAt);
        assertThat(firedAt(expo, orderId)).isEqualTo(placedAt);
        // only held items at the fry: no ticket there until its course is fired. A fry screen that joins now gets
        // a snapshot at the placement's seq (the open one only moves up with the next ping, which may be 15 s away)
        FeedClient fryJoiningNow = screens.connect(base, location, "view=station&station=fry");
        await().atMost(WAIT)
                .until(() -> fryJoiningNow.state().seq() >= grill.state().seq());
        assertThat(fryJoiningNow.state().orders()).doesNotContainKey(orderId);

        Instant fired = Instant.parse(
                command(location, orderId, "courses/2/fire").jsonPath().getString("updatedAt"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(firedAt(grill, orderId)).isEqualTo(fired);
            assertThat(firedAt(fry, orderId)).isEqualTo(fired);
            assertThat(firedAt(expo, orderId)).isEqualTo(fired);
        });
        JsonNode soup = grill.state().orders().get(orderId).path("items").get(0);
        assertThat(Instant.parse(soup.path("firedAt").asText())).isEqualTo(placedAt);
    }

    private static Instant firedAt(FeedClient screen, String orderId) {
        return Instant.parse(
                screen.state().orders().get(orderId).path("firedAt").asText());
    }

    @Test
    void aScreenThatMissedEntriesResumesWithOneCatchUpDiff() {
        String location = createLocation();
        String first = placed(location, burgerAndFries()).jsonPath().getString("id");
        FeedClient expo = screens.connect(base, location, "view=expo");
        await().atMost(WAIT).until(() -> expo.state().seq() == 1);
        expo.close();

        String second = placed(location, burgerAndFries()).jsonPath().getString("id");
        command(location, first, "stations/grill/bump").then().statusCode(200);
        String third = placed(location, burgerAndFries()).jsonPath().getString("id");

        FeedClient resumed = screens.resume(base, location, "view=expo", expo.received());
        await().atMost(WAIT).until(() -> resumed.state().seq() == 4);
        List<JsonNode> messages = resumed.receivedExceptPings();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("type").asText()).isEqualTo("diff");
        assertThat(messages.get(0).path("from").asLong()).isEqualTo(1);
        assertThat(resumed.state().orders()).containsOnlyKeys(first, second, third);
    }

    /** Diffs that change something; a ping may be preceded by an empty diff that only moves the seq up. */
    private static List<JsonNode> diffsWithChanges(FeedClient client) {
        return client.received().stream()
                .filter(m -> m.path("type").asText().equals("diff")
                        && !m.path("changes").isEmpty())
                .toList();
    }
}
