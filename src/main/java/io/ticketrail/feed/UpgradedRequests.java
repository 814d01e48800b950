package io.ticketrail.feed;

import java.lang.reflect.Method;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.quarkus.websockets.next.UserData;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;

/**
 * Works around Quarkus counting a request that was upgraded to a WebSocket as in flight for ever: graceful
 * shutdown then waits its whole timeout once any screen had connected. The request is marked done when its WebSocket
 * closes. That order matters: after quarkus.shutdown.delay Quarkus waits for in-flight requests and then stops the
 * HTTP server, which ends every WebSocket still open with 1000. Marked done at open, a screen could be ended that way
 * before {@link FeedShutdown}'s 1001 reached it (its close waits on the location's lane); marked done at close,
 * shutdown waits until each screen was told to move.
 *
 * <p>Still needed on Quarkus 3.33.2 (quarkus-websockets-next is byte-for-byte the 3.32.1 runtime, and
 * GracefulShutdownFilter still counts the upgrade as in flight); no upstream issue found. Remove it when ShutdownIT
 * passes without it (B exits well before quarkus.shutdown.timeout with screens open). deploy/README.md lists it.
 */
final class UpgradedRequests {

    private static final Logger LOG = Logger.getLogger(UpgradedRequests.class);
    private static final UserData.TypedKey<QuarkusRequestWrapper> REQUEST = new UserData.TypedKey<>("upgrade-request");
    private static final Method DONE = doneMethod();

    private UpgradedRequests() {}

    /** At the upgrade check: remember the HTTP request in the connection's user data. */
    static void remember(HttpServerRequest request, UserData userData) {
        QuarkusRequestWrapper wrapper = QuarkusRequestWrapper.get(request);
        if (wrapper != null) {
            userData.put(REQUEST, wrapper);
        }
    }

    /** Once the WebSocket is open: the upgrade request is finished. */
    static void finish(UserData userData) {
        QuarkusRequestWrapper wrapper = userData.remove(REQUEST);
        if (wrapper != null && DONE != null) {
            try {
                DONE.invoke(wrapper);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("Could not mark an upgrade request done; shutdown may wait its timeout", e);
            }
        }
    }

    private static Method doneMethod() {
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            return done;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("QuarkusRequestWrapper.done() not found; shutdown may wait its timeout", e);
            return null;
        }
    }
}
