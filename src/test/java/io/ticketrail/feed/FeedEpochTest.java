package io.ticketrail.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The epoch rule under open screens: when a location's log is restored to an earlier point (a new epoch, a lower
 * head) while this instance already serves its screens, they end with the restored state, never keeping entries the
 * restored log does not have.
 */
@QuarkusTest
class FeedEpochTest extends WithScreens {

    private static final String EXPO = "view=expo";

    @Test
    void openScreensGetTheRestoredLogWhenItWentBackwards() {
        Following f = screenAtTwoOrders();
        String location = f.location(), kept = f.kept();
        FeedClient screen = f.screen();
        String before = screen.state().epoch();

        restoreTo(location, 1, f.lost());

        // nothing is appended after the restore: only the instance's own check of the head can notice it
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(screen.state().orders()).containsOnlyKeys(kept));
        assertThat(screen.state().epoch()).isEqualTo(Db.epoch(location)).isNotEqualTo(before);
        assertThat(screen.state().seq()).isEqualTo(1);
    }

    @Test
    void openScreensGetTheRestoredLogWhenItGrewPastTheirPosition() {
        Following f = screenAtTwoOrders();
        String location = f.location(), kept = f.kept();
        FeedClient screen = f.screen();

        restoreTo(location, 1, f.lost());
        // the restored log gets entries 2 and 3 of its own: seq 3 follows the screen's 2, but is not its sequel
        String second = placedId(location, burgerAndFries());
        String third = placedId(location, burgerAndFries());

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(screen.state().orders())
                        .isEqualTo(Screens.projectedFromDb(location, EXPO))
                        .containsOnlyKeys(kept, second, third));
        assertThat(screen.state().epoch()).isEqualTo(Db.epoch(location));
        assertThat(screen.state().seq()).isEqualTo(3);
    }

    /** An expo screen at seq 2 of a new location: {@code kept} placed at seq 1, {@code lost} at seq 2. */
    private record Following(String location, String kept, String lost, FeedClient screen) {}

    private Following screenAtTwoOrders() {
        String location = createLocation();
        String kept = placedId(location, burgerAndFries());
        String lost = placedId(location, burgerAndFries());
        FeedClient screen = screens.connect(base, location, EXPO);
        await().atMost(WAIT).until(() -> screen.state().seq() == 2);
        return new Following(location, kept, lost, screen);
    }

    /**
     * What a point-in-time restore does to one location, in one transaction: the log ends at {@code seq} in a new
     * epoch and the order placed after it does not exist.
     */
    private static void restoreTo(String location, long seq, String orderPlacedLater) {
        try (Connection c = Db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement events =
                            c.prepareStatement("delete from order_event where location_id = ? and seq > ?");
                    PreparedStatement order = c.prepareStatement("delete from kitchen_order where id = ?");
                    PreparedStatement head = c.prepareStatement(
                            "update location_stream set epoch = ?, last_seq = ? where location_id = ?")) {
                events.setString(1, location);
                events.setLong(2, seq);
                events.executeUpdate();
                order.setObject(1, UUID.fromString(orderPlacedLater));
                order.executeUpdate();
                head.setObject(1, UUID.randomUUID());
                head.setLong(2, seq);
                head.setString(3, location);
                head.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
