package io.ticketrail.feed;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpServerRequest;

/**
 * Works around Quarkus counting a request that was upgraded to a WebSocket as in flight for ever: graceful
 * shutdown then waits its whole timeout after the last screen is gone. Once our screens are closed we mark their
 * upgrade requests done, so a rolling deploy ends in about a second instead of the full shutdown timeout.
 */
@ApplicationScoped
class UpgradedRequests {

    private static final Logger LOG = Logger.getLogger(UpgradedRequests.class);

    private final Set<QuarkusRequestWrapper> upgraded = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    void track(HttpServerRequest request) {
        QuarkusRequestWrapper wrapper = QuarkusRequestWrapper.get(request);
        if (wrapper != null) {
            upgraded.add(wrapper);
        }
    }

    void releaseAll() {
        List<QuarkusRequestWrapper> requests;
        synchronized (upgraded) {
            requests = new ArrayList<>(upgraded);
            upgraded.clear();
        }
        if (requests.isEmpty()) {
            return;
        }
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            for (QuarkusRequestWrapper request : requests) {
                done.invoke(request);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not mark upgraded requests done; shutdown waits its timeout instead", e);
        }
    }
}
