package io.ticketrail.feed;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ticketrail.testsupport.QuietTimersProfile;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.SseStream;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.createLocation;
import static org.awaitility.Awaitility.await;

/**
 * An SSE screen whose tab closes is gone at once: its screen, its connection slot and its presence. With pings an
 * hour away and no orders, nothing is sent that could fail, so only the stream's end can tell.
 */
@QuarkusTest
@TestProfile(QuietTimersProfile.class)
class SseStreamEndTest extends WithScreens {

    @Inject
    FeedDispatcher dispatcher;

    @Test
    void aClosedTabEndsItsScreenWithoutWaitingForASend() {
        String location = createLocation();
        SseStream tab = SseStream.open(Screens.sseUri(base, location, "view=expo"), null);
        await().atMost(WAIT).until(() -> !tab.events().isEmpty());
        await().atMost(WAIT).until(() -> dispatcher.openScreens(location) == 1);

        tab.close();

        await().atMost(WAIT).until(() -> dispatcher.openScreens(location) == 0);
    }
}
