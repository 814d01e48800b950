package io.ticketrail.feed;

import io.quarkus.test.junit.QuarkusTest;

/** The default: the test database's plain JDBC URL maps to the Vert.x client, read on an event loop. */
@QuarkusTest
class EventLoopListenTest extends ListenContract {

    @Override
    FeedConfig.ListenDriver expectedDriver() {
        return FeedConfig.ListenDriver.VERTX;
    }
}
