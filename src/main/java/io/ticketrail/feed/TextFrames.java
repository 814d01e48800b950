package io.ticketrail.feed;

import java.lang.reflect.Method;

import io.netty.buffer.Unpooled;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import org.jboss.logging.Logger;

/**
 * Writes already encoded UTF-8 bytes as a WebSocket text message, so that one encoded diff goes to every screen of a
 * group without a String-to-UTF-8 encode per connection (websockets-next 3.33 sends only Strings, and Vert.x's
 * writeTextMessage encodes each time).
 *
 * <p>Each write wraps the shared array in a ByteBuf of its own (Unpooled.wrappedBuffer, no copy): releasing one
 * connection's frame after it is written frees that wrapper only, never the bytes the other screens still send.
 * Nothing on the way writes to the payload (a server does not mask, and permessage-deflate is not negotiated; it
 * would only read it).
 *
 * <p>The Vert.x WebSocket behind a websockets-next connection is not public API: it is reached by reflection, once
 * per connection. When that fails (another Quarkus version), the feed sends text as before and says so once.
 */
final class TextFrames {

    private static final Logger LOG = Logger.getLogger(TextFrames.class);

    /**
     * Vert.x's default maxWebSocketFrameSize, which splits its own messages too: any client that read this server's
     * messages before reads these frames.
     */
    static final int MAX_FRAME = 65536;

    private static volatile Method webSocket;
    private static volatile boolean unavailable;

    private TextFrames() {}

    /** True once a connection's Vert.x WebSocket could not be reached: messages then go as Strings. */
    static boolean isUnavailable() {
        return unavailable;
    }

    /** The connection's Vert.x WebSocket, or null when it cannot be reached. */
    static WebSocketBase of(WebSocketConnection connection) {
        if (unavailable) {
            return null;
        }
        try {
            Method method = webSocket;
            if (method == null || method.getDeclaringClass() != connection.getClass()) {
                method = connection.getClass().getDeclaredMethod("webSocket");
                method.setAccessible(true);
                webSocket = method;
            }
            return (WebSocketBase) method.invoke(connection);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.warnf(
                    "Cannot reach the Vert.x WebSocket of %s (%s): feed messages are encoded per connection",
                    connection.getClass().getName(), e.toString());
            return null;
        }
    }

    /** Writes {@code utf8} as one text message, in frames of at most {@link #MAX_FRAME} bytes. */
    static Future<Void> write(WebSocketBase socket, byte[] utf8) {
        if (utf8.length <= MAX_FRAME) {
            return socket.writeFrame(frame(WebSocketFrameType.TEXT, utf8, 0, utf8.length, true));
        }
        Future<Void> last = null;
        for (int offset = 0; offset < utf8.length; offset += MAX_FRAME) {
            int length = Math.min(MAX_FRAME, utf8.length - offset);
            last = socket.writeFrame(frame(
                    offset == 0 ? WebSocketFrameType.TEXT : WebSocketFrameType.CONTINUATION,
                    utf8,
                    offset,
                    length,
                    offset + length == utf8.length));
        }
        return last;
    }

    private static WebSocketFrameImpl frame(WebSocketFrameType type, byte[] utf8, int offset, int length, boolean fin) {
        return new WebSocketFrameImpl(type, Unpooled.wrappedBuffer(utf8, offset, length), fin);
    }
}
