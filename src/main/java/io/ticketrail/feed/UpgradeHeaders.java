package io.ticketrail.feed;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkus.websockets.next.HandshakeRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.http.WebSocketBase;
import org.jboss.logging.Logger;

/**
 * An open WebSocket keeps copies of its upgrade's headers for as long as it is open: Vert.x's socket one, and
 * websockets-next's handshake request an immutable one. A browser sends about 13 (cookie, user agent, languages,
 * cache and origin), 3 KB of heap per screen for both copies (docs/performance.md, "Memory per idle connection").
 * Once {@link FeedUpgradeCheck} has read the credential and origin, nothing reads the rest again: the headers not
 * needed to finish the handshake are removed before either copy is made, and both copies are dropped once open.
 */
final class UpgradeHeaders {

    private static final Logger LOG = Logger.getLogger(UpgradeHeaders.class);

    private static volatile Field handshakeHeaders;
    private static volatile boolean handshakeHeadersKept;

    private UpgradeHeaders() {}

    /**
     * Keeps what the WebSocket handshake reads after a permitted upgrade check: Host (the socket's authority),
     * Upgrade, Connection and the Sec-WebSocket-* headers (key, version, protocols, extensions).
     */
    static void keepHandshakeOnly(MultiMap headers) {
        List<String> others = headers.names().stream()
                .filter(name -> !handshake(name.toLowerCase(Locale.ROOT)))
                .toList();
        others.forEach(headers::remove);
    }

    private static boolean handshake(String name) {
        return name.equals("host")
                || name.equals("upgrade")
                || name.equals("connection")
                || name.startsWith("sec-websocket-");
    }

    /** Once the socket is open: Vert.x's copy of what was left is not read again either. */
    static void forget(WebSocketBase socket) {
        try {
            if (socket != null && socket.headers() != null) {
                socket.headers().clear();
            }
        } catch (UnsupportedOperationException readOnly) {
            // a later Vert.x that hands out a read-only view keeps them; only memory is at stake
        }
    }

    /**
     * Once the socket is open: websockets-next's copy, an immutable map in a final field of its handshake request
     * (about 1.2 KB a screen: the five to seven names lowercased into new strings, the values, a list each). Nothing here
     * reads it after the upgrade check, so it is replaced by an empty map. Its field is private API, reached by
     * reflection once; where that fails (another Quarkus version) the copy is kept and that is said once.
     */
    static void forget(HandshakeRequest request) {
        if (handshakeHeadersKept) {
            return;
        }
        try {
            Field field = handshakeHeaders;
            if (field == null || field.getDeclaringClass() != request.getClass()) {
                field = request.getClass().getDeclaredField("headers");
                field.setAccessible(true);
                handshakeHeaders = field;
            }
            field.set(request, Map.of());
        } catch (ReflectiveOperationException | RuntimeException e) {
            handshakeHeadersKept = true;
            LOG.infof(
                    "Cannot drop the handshake headers of %s (%s): each open screen keeps them",
                    request.getClass().getName(), e.toString());
        }
    }
}
