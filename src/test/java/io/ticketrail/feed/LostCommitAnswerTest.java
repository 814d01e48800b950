package io.ticketrail.feed;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ticketrail.fault.ProxiedDatabaseProfile;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.place;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A commit whose answer never arrived hands nothing over, yet PostgreSQL may have taken it: the feed then reads the
 * log, so the screens still get the order, once.
 */
@QuarkusTest
@TestProfile(ProxiedDatabaseProfile.class)
class LostCommitAnswerTest extends WithScreens {

    @AfterEach
    void databaseBack() {
        ProxiedDatabaseProfile.PROXY.restore();
    }

    @Test
    void anOrderCommittedWhoseAnswerWasLostStillReachesTheScreensOnce() {
        String location = createLocation();
        FeedClient expo = screens.connect(base, location, "view=expo");
        await().atMost(WAIT).until(() -> expo.state().seq() == 0);

        Map<String, Object> order = burgerAndFries();
        // the order's own id: a background round reading the location's log must not take the lost answer
        ProxiedDatabaseProfile.PROXY.loseCommitReplyOf((String) order.get("externalId"));
        Response lost = place(location, order);
        assertThat(ProxiedDatabaseProfile.PROXY.commitReplyLost()).isTrue();
        assertThat(lost.statusCode()).isEqualTo(503);
        assertThat(Db.orderCount(location)).as("PostgreSQL did commit").isEqualTo(1);

        await().atMost(WAIT).until(() -> expo.state().seq() == 1);
        String next = placedId(location, burgerAndFries());
        await().atMost(WAIT).until(() -> expo.state().orders().containsKey(next));

        List<JsonNode> messages = expo.receivedExceptPings();
        assertThat(messages).extracting(m -> m.path("type").asText()).containsExactly("snapshot", "diff", "diff");
        assertThat(messages.get(1).path("from").asLong()).isZero();
        assertThat(messages.get(2).path("from").asLong()).isEqualTo(1);
        assertThat(expo.state().duplicates()).isZero();
        assertThat(expo.state().resumes()).isZero();
        assertThat(expo.state().orders()).isEqualTo(Screens.projectedFromDb(location, "view=expo"));
    }
}
