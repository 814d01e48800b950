package io.ticketrail.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A bare WebSocket that sends only what the test tells it to: how the server treats a client that breaks the
 * protocol (no hello, a bad hello), or refuses it at the upgrade. Screens that follow the rules use
 * {@link Screens}.
 */
public final class RawSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final Listener listener;

    private RawSocket(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    /** Opens the socket as the test manager and says nothing. */
    public static RawSocket open(URI uri) {
        return open(uri, Auth.managerToken());
    }

    /** Opens the socket with {@code token} as its Bearer credential and says nothing. */
    public static RawSocket open(URI uri, String token) {
        Listener listener = new Listener();
        return new RawSocket(connect(uri, token, listener).join(), listener);
    }

    /** The HTTP status with which the server refused the upgrade; fails the test if the upgrade succeeded. */
    public static int refusedStatus(URI uri) {
        int status = upgradeStatus(uri, Auth.managerToken());
        if (status == 101) {
            throw new AssertionError("the upgrade to " + uri + " was accepted");
        }
        return status;
    }

    /**
     * How the server answers an upgrade with {@code token} (null: no credential at all): 101 when it accepts (the
     * socket is closed again at once, with 1000), otherwise the status it refused with.
     */
    public static int upgradeStatus(URI uri, String token) {
        WebSocket socket;
        try {
            socket = connect(uri, token, new Listener()).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        socket.abort();
        return 101;
    }

    private static CompletableFuture<WebSocket> connect(URI uri, String token, Listener listener) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", Auth.bearer(token));
        }
        return builder.buildAsync(uri, listener);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** One text message in two frames. */
    public void sendFragmented(String first, String rest) {
        socket.sendText(first, false).join();
        socket.sendText(rest, true).join();
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
    }

    /** Every text message received so far, parsed. */
    public List<JsonNode> messages() {
        return List.copyOf(listener.messages);
    }

    /** The messages so far without the pings, which every joined screen gets every ping interval at any moment. */
    public List<JsonNode> messagesExceptPings() {
        return listener.messages.stream()
                .filter(m -> !m.path("type").asText().equals("ping"))
                .toList();
    }

    /** Completes with the close code the server sent. */
    public CompletableFuture<Integer> closeCode() {
        return listener.closeCode;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {

        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("the server sent a text frame that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
