package io.ticketrail.feed;

import java.lang.reflect.Field;
import java.util.List;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.quarkus.websockets.next.UserData;
import io.vertx.core.Handler;
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
    private static final UserData.TypedKey<Runnable> DONE = new UserData.TypedKey<>("upgrade-request-done");
    private static final Field DONE_HANDLERS = doneHandlersField();

    private UpgradedRequests() {}

    /** At the upgrade check: remember the HTTP request in the connection's user data. */
    static void remember(HttpServerRequest request, UserData userData) {
        QuarkusRequestWrapper wrapper = QuarkusRequestWrapper.get(request);
        if (wrapper != null) {
            userData.put(REQUEST, wrapper);
        }
    }

    /**
     * Once the WebSocket is open: take the request's done handlers (graceful shutdown's count is one of them) out
     * of it, to run when the socket closes, and forget the request. Holding the request kept its headers, response
     * and routing context alive for as long as the screen stayed open, about 2 KB per screen (docs/performance.md,
     * "Memory per idle connection"). An upgrade that fails never gets here, and Quarkus ends its request as any
     * other; taken out, the handlers cannot run twice should a later Quarkus end an upgraded request itself.
     */
    @SuppressWarnings("unchecked")
    static void opened(UserData userData) {
        QuarkusRequestWrapper wrapper = userData.remove(REQUEST);
        if (wrapper == null || DONE_HANDLERS == null) {
            return;
        }
        try {
            List<Handler<Void>> handlers = (List<Handler<Void>>) DONE_HANDLERS.get(wrapper);
            List<Handler<Void>> taken = List.copyOf(handlers);
            handlers.clear();
            userData.put(DONE, () -> taken.forEach(handler -> handler.handle(null)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not take an upgrade request's done handlers; shutdown may wait its timeout", e);
        }
    }

    /** Once the WebSocket is closed: the upgrade request is finished. */
    static void finish(UserData userData) {
        Runnable done = userData.remove(DONE);
        if (done != null) {
            try {
                done.run();
            } catch (RuntimeException e) {
                LOG.debug("Could not mark an upgrade request done; shutdown may wait its timeout", e);
            }
        }
    }

    private static Field doneHandlersField() {
        try {
            Field handlers = QuarkusRequestWrapper.class.getDeclaredField("requestDoneHandlers");
            handlers.setAccessible(true);
            return handlers;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("QuarkusRequestWrapper.requestDoneHandlers not found; shutdown may wait its timeout", e);
            return null;
        }
    }
}
