package io.ticketrail.feed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A join that fails after the location's orders were loaded must not leave the location followed on this
 * instance with no screen: every wake-up and every safety poll would read its log for nobody.
 */
@QuarkusTest
class FailedJoinTest extends WithScreens {

    @Inject
    FeedDispatcher dispatcher;

    @Test
    void aJoinThatFailsAfterLoadingLeavesTheLocationUnfollowed() throws SQLException {
        String location = createLocation();
        placedId(location, burgerAndFries());
        placedId(location, burgerAndFries());
        // the catch-up from seq 0 reads this row, after the load: an unreadable entry fails the join there
        Db.execute("update order_event set type = 'NOT_A_TYPE' where location_id = '" + location + "' and seq = 1");
        Closes sink = new Closes();
        Screen screen = dispatcher.open(location, FeedView.parse("expo", null), sink, "test", managerSession());

        dispatcher.join(screen, Optional.of(new LocationFeed.Resume(UUID.fromString(Db.epoch(location)), 0)));

        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.codes.isEmpty());
        assertThat(sink.codes).containsExactly(CloseCodes.RESYNC);
        // no transport close callback here: the join itself must let go of what it loaded
        await().atMost(Duration.ofSeconds(5)).until(() -> !dispatcher.isActive(location));
        dispatcher.closed(screen);
    }

    /** A live credential to own the feed: the revocation sweep closes feeds of any other. */
    private static UUID managerSession() throws SQLException {
        Auth.managerToken();
        try (Connection db = Db.connect();
                ResultSet rs = db.createStatement()
                        .executeQuery("select id from manager_session where revoked_at is null and expires_at > now() "
                                + "order by expires_at desc limit 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getObject(1, UUID.class);
        }
    }

    /** A transport that records how the server closed it and never reports back (no closed() call). */
    private static final class Closes implements ScreenSink {

        final List<Integer> codes = new CopyOnWriteArrayList<>();

        @Override
        public void send(EncodedMessage message, UUID epoch, long seq, Runnable done) {
            done.run();
        }

        @Override
        public CompletionStage<Void> close(int code, String reason, String error) {
            codes.add(code);
            return CompletableFuture.completedFuture(null);
        }
    }
}
