package io.ticketrail.feed;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The screens' feed: {@code /ws/v1/locations/{locationId}/feed?view=...}. The upgrade was checked by
 * {@link FeedUpgradeCheck}; here a screen has {@code helloTimeout} to say hello, then gets a snapshot or a
 * catch-up diff and live diffs after it.
 *
 * <p>One endpoint for every connection, each connection's state in its user data, and every callback on the
 * connection's event loop. That keeps a connection's callbacks in order without websockets-next's per-connection
 * queue and session context, which held 2.4 KB of an idle screen's 15 KB of heap (docs/performance.md, "Memory per
 * idle connection"): websockets-next runs each callback as a task on the connection's event loop, in the order the
 * events happened, so @OnOpen has run before the first message is handled and @OnClose after the last.
 */
@WebSocket(path = "/ws/v1/locations/{locationId}/feed", inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class FeedSocket {

    private static final Logger LOG = Logger.getLogger(FeedSocket.class);
    private static final UserData.TypedKey<Connected> CONNECTED = new UserData.TypedKey<>("feed-screen");

    @Inject
    FeedDispatcher dispatcher;

    @Inject
    FeedConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.websockets-next.server.max-message-size")
    int maxMessageSize;

    /** What one connection holds: its screen, and whether it said hello in time. */
    private static final class Connected {
        final Screen screen;
        /** The Vert.x WebSocket under the connection, or null where websockets-next's own calls must do. */
        final WebSocketBase socket;

        long helloTimer = -1;
        boolean greeted;

        Connected(Screen screen, WebSocketBase socket) {
            this.screen = screen;
            this.socket = socket;
        }
    }

    // the connection is taken as a callback parameter: the injectable one is a session-scoped proxy that is
    // unusable from the feed's worker threads
    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        UpgradedRequests.opened(connection.userData());
        FeedView view = FeedRequest.view(connection.handshakeRequest().query());
        WebSocketBase socket = TextFrames.of(connection);
        Connected connected = new Connected(
                dispatcher.open(
                        connection.pathParam("locationId"),
                        view,
                        new Sink(connection, socket, dispatcher),
                        "websocket",
                        connection.userData().get(FeedUpgradeCheck.OWNER)),
                socket);
        UpgradeHeaders.forget(socket);
        UpgradeHeaders.forget(connection.handshakeRequest());
        connection.userData().put(CONNECTED, connected);
        connected.helloTimer = vertx.setTimer(config.helloTimeout().toMillis(), id -> {
            if (!connected.greeted) {
                connected.screen.close(
                        CloseCodes.NO_HELLO,
                        "no hello",
                        "Send {\"type\":\"hello\"} first, within "
                                + config.helloTimeout().toSeconds() + " s");
            }
        });
    }

    // on the event loop: an acknowledgement (several per command at a busy location) is a parse and an in-memory
    // update, and a hello only queues the join on the location's feed; a hop to a worker cost more than either
    @OnTextMessage
    @NonBlocking
    void message(String text, WebSocketConnection connection) {
        Connected connected = connection.userData().get(CONNECTED);
        if (connected == null) {
            return; // its @OnOpen failed, and websockets-next is closing it
        }
        if (connected.greeted) {
            acknowledged(connected, text);
            return;
        }
        Optional<LocationFeed.Resume> resume;
        try {
            resume = FeedRequest.hello(json, text);
        } catch (IllegalArgumentException e) {
            connected.screen.close(CloseCodes.BAD_MESSAGE, "bad message", "Bad hello: " + e.getMessage());
            return;
        }
        connected.greeted = true;
        vertx.cancelTimer(connected.helloTimer);
        takeAcknowledgementsDirectly(connected);
        dispatcher.join(connected.screen, resume);
    }

    /** After the hello a screen sends only acknowledgements; anything else is ignored rather than fatal. */
    private void acknowledged(Connected connected, String text) {
        FeedRequest.ack(json, text).ifPresent(ack -> dispatcher.acked(connected.screen, ack.seq(), ack.page()));
    }

    /**
     * From the hello on, a screen's text messages (its acknowledgements, several per command at a busy location) go
     * from Vert.x straight to {@link #acknowledged}, on the same event loop and in the same order: websockets-next
     * activated a request context, built a Uni and captured and restored the thread's contexts for each one, which
     * cost more than the acknowledgement itself (docs/performance.md, "Per-request and per-message machinery,
     * third pass"). Vert.x still gathers frames into messages within the size limit and reports an oversized one to
     * websockets-next, so {@link #error} closes it as before.
     */
    private void takeAcknowledgementsDirectly(Connected connected) {
        if (connected.socket == null) {
            return;
        }
        try {
            connected.socket.textMessageHandler(text -> {
                try {
                    acknowledged(connected, text);
                } catch (RuntimeException e) {
                    // what websockets-next does with a callback's failure: log it, close with 1011
                    LOG.errorf(e, "Acknowledgement failed");
                    connected.screen.close(1011, "internal error", null);
                }
            });
        } catch (IllegalStateException closed) {
            // closed right after its hello: nothing more will arrive
        }
    }

    /** Protocol v1 speaks text only: a binary first message is a bad hello, not something to wait past. */
    @OnBinaryMessage
    @NonBlocking
    void binary(Buffer data, WebSocketConnection connection) {
        Connected connected = connection.userData().get(CONNECTED);
        if (connected != null && !connected.greeted) {
            connected.screen.close(CloseCodes.BAD_MESSAGE, "bad message", "Bad hello: send it as a text message");
        }
    }

    /**
     * Vert.x refuses to gather a message past the size limit with this exception; websockets-next would close with
     * 1011 (a server fault) where the client sent too much. Anything else keeps the 1011. The match is on Vert.x's
     * message text (vertx-core 4.5.27 with Quarkus 3.33.2: "... would cause message buffer ... to overflow"), the
     * only thing that tells this failure apart; remove it when websockets-next closes with 1009 by itself
     * (LimitsTest's too-big test passes without it). deploy/README.md, "Workarounds".
     */
    @OnError
    @NonBlocking
    void error(IllegalStateException failure, WebSocketConnection connection) {
        boolean tooBig = failure.getMessage() != null && failure.getMessage().contains("message buffer");
        Connected connected = connection.userData().get(CONNECTED);
        if (connected == null) {
            // failed before it was opened as a screen: nothing to tell the feed, but the client must not wait for
            // the hello timeout to learn its message was refused
            connection
                    .close(new CloseReason(
                            tooBig ? CloseCodes.TOO_BIG : 1011, tooBig ? "message too big" : "internal error"))
                    .subscribe()
                    .with(ok -> {}, closeFailed -> {});
            return;
        }
        connected.screen.close(
                tooBig ? CloseCodes.TOO_BIG : 1011,
                tooBig ? "message too big" : "internal error",
                tooBig ? "Messages are at most " + maxMessageSize + " bytes" : null);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        // only now is the upgrade request over: graceful shutdown waits for it, so for this screen's 1001
        UpgradedRequests.finish(connection.userData());
        Connected connected = connection.userData().remove(CONNECTED);
        if (connected != null) {
            vertx.cancelTimer(connected.helloTimer);
            dispatcher.closed(connected.screen);
        }
    }

    /** @param socket the Vert.x WebSocket that takes encoded bytes; null: websockets-next's sendText instead */
    private record Sink(WebSocketConnection connection, WebSocketBase socket, FeedDispatcher dispatcher)
            implements ScreenSink {

        @Override
        public void send(EncodedMessage message, UUID epoch, long seq, Runnable done) {
            if (socket != null) {
                TextFrames.write(socket, message.utf8()).onComplete(written -> done.run());
            } else {
                connection.sendText(message.text()).subscribe().with(ok -> done.run(), failed -> done.run());
            }
        }

        @Override
        public CompletionStage<Void> close(int code, String reason, String error) {
            Uni<Void> said = error == null
                    ? Uni.createFrom().voidItem()
                    : connection.sendText(dispatcher
                            .encode(new FeedMessage.Error(code, error))
                            .text());
            return said.onItemOrFailure()
                    .transformToUni((ok, failure) -> connection.close(new CloseReason(code, reason)))
                    .onFailure()
                    .recoverWithNull()
                    .subscribeAsCompletionStage();
        }
    }
}
