package io.ticketrail.feed.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The reference screen client of protocol v1 over the JDK's WebSocket: says hello (resuming when it has a
 * position), applies messages with {@link FeedState}, and reconnects with jittered backoff whenever the
 * connection ends, the rules say it missed something, or nothing (not even a ping) arrived for a while. Used by
 * the tests and the benchmark.
 */
public final class FeedClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService RECONNECTS = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "feed-client-reconnect");
        t.setDaemon(true);
        return t;
    });

    private final HttpClient http;
    private final Supplier<URI> endpoint;
    private final FeedState state = new FeedState();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    private volatile WebSocket socket;
    private volatile boolean running = true;
    private volatile boolean reading = true;
    private volatile int failures;
    private volatile Throwable lastFailure;
    private volatile long lastHeard = System.nanoTime();
    private volatile Duration silenceTimeout = Duration.ofSeconds(45);
    private volatile String credential;
    private volatile boolean acks = true;
    private volatile Duration ackEvery = Duration.ofSeconds(1);
    private final AtomicBoolean ackQueued = new AtomicBoolean();
    private volatile long lastAck = System.nanoTime() - Duration.ofDays(1).toNanos();
    private final AtomicInteger acksSent = new AtomicInteger();
    /** Sends on one socket go one after another: the JDK refuses a send while the previous one is unfinished. */
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

    /** @param endpoint where to connect, asked again at every reconnect (a test can move the screen) */
    public FeedClient(HttpClient http, Supplier<URI> endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    /** The Bearer token sent with every connection attempt: a paired screen's, or a manager session's. */
    public FeedClient credential(String token) {
        this.credential = token;
        return this;
    }

    /**
     * Whether this screen acknowledges what it applied ({@code {"type":"ack"}}, docs/protocol.md): after each change
     * and each ping, at most once per {@code every}. A screen that does not is what the server calls frozen.
     */
    public FeedClient acks(boolean on, Duration every) {
        acks = on;
        ackEvery = every;
        return this;
    }

    public int acksSent() {
        return acksSent.get();
    }

    public FeedClient connect() {
        open();
        watch();
        return this;
    }

    /**
     * How long a connection may stay silent before the client gives up on it and reconnects: a Wi-Fi drop without
     * a FIN, or a close the socket never reported, looks exactly like a quiet kitchen otherwise. The server pings
     * every {@code ticketrail.feed.ping-interval} (15 s by default), so keep this at two or three of those.
     */
    public FeedClient silenceTimeout(Duration timeout) {
        silenceTimeout = timeout;
        return this;
    }

    /** Drops the connection as a Wi-Fi loss would: no close handshake. The client reconnects by itself. */
    public void drop() {
        WebSocket current = socket;
        if (current != null) {
            socket = null;
            current.abort();
            retryLater();
        }
    }

    /** Stops reading from the socket, like a frozen tablet; the server's queue for us then fills up. */
    public void stopReading() {
        reading = false;
    }

    /** Reads again after {@link #stopReading()}: first what queued up meanwhile, then whatever the server did. */
    public void resumeReading() {
        lastHeard = System.nanoTime();
        reading = true;
        WebSocket current = socket;
        if (current != null) {
            current.request(1);
        }
    }

    public FeedState state() {
        return state;
    }

    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /**
     * What it received without the pings: every joined screen gets one every ping interval, whenever the timer
     * fires, so a test that counts the messages it caused counts these.
     */
    public List<JsonNode> receivedExceptPings() {
        return received.stream()
                .filter(m -> !m.path("type").asText().equals("ping"))
                .toList();
    }

    public List<Integer> closeCodes() {
        return List.copyOf(closeCodes);
    }

    /** Why the last connection attempt or connection failed, for diagnostics. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    public boolean isOpen() {
        WebSocket current = socket;
        return current != null && !current.isInputClosed() && !current.isOutputClosed();
    }

    @Override
    public void close() {
        running = false;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    private void open() {
        if (!running) {
            return;
        }
        reading = true;
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (credential != null) {
            builder.header("Authorization", "Bearer " + credential);
        }
        builder.buildAsync(endpoint.get(), new Listener()).whenComplete((ws, failure) -> {
            if (failure != null) {
                lastFailure = failure;
                retryLater();
            }
        });
    }

    /** Checks at least every second whether the open connection went silent; a frozen (not reading) one is not. */
    private void watch() {
        if (!running) {
            return;
        }
        if (socket != null && reading && System.nanoTime() - lastHeard > silenceTimeout.toNanos()) {
            lastFailure = new IOException("Nothing heard for " + silenceTimeout.toMillis() + " ms");
            drop();
        }
        RECONNECTS.schedule(
                this::watch, Math.max(10, Math.min(1_000, silenceTimeout.toMillis() / 2)), TimeUnit.MILLISECONDS);
    }

    private void retryLater() {
        if (!running) {
            return;
        }
        int attempt = Math.min(failures++, 6);
        long delay = Math.min(2_000, 50L << attempt);
        RECONNECTS.schedule(
                this::open, delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1), TimeUnit.MILLISECONDS);
    }

    private void ackSoon(WebSocket webSocket) {
        if (!acks || !ackQueued.compareAndSet(false, true)) {
            return;
        }
        long wait = Math.max(0, lastAck + ackEvery.toNanos() - System.nanoTime());
        RECONNECTS.schedule(
                () -> {
                    ackQueued.set(false);
                    if (socket != webSocket || !acks) {
                        return;
                    }
                    lastAck = System.nanoTime();
                    String ack = JSON.createObjectNode()
                            .put("type", "ack")
                            .put("seq", state.seq())
                            .toString();
                    send(webSocket, ack);
                    acksSent.incrementAndGet();
                },
                wait,
                TimeUnit.NANOSECONDS);
    }

    private synchronized void send(WebSocket webSocket, String text) {
        sending = sending.handle((ok, failure) -> null).thenCompose(ignored -> webSocket.sendText(text, true));
    }

    private String hello() {
        ObjectNode hello = JSON.createObjectNode().put("type", "hello");
        state.position()
                .ifPresent(
                        p -> hello.putObject("resume").put("epoch", p.epoch()).put("seq", p.seq()));
        return hello.toString();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            lastHeard = System.nanoTime();
            socket = webSocket;
            send(webSocket, hello());
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeard = System.nanoTime();
            partial.append(data);
            if (last) {
                handle(webSocket, partial.toString());
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        private void handle(WebSocket webSocket, String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (Exception e) {
                return;
            }
            received.add(message);
            FeedState.Outcome outcome = state.apply(message);
            if (outcome == FeedState.Outcome.APPLIED || outcome == FeedState.Outcome.IN_SYNC) {
                ackSoon(webSocket);
            }
            if (outcome == FeedState.Outcome.RESUME) {
                // close this connection; onClose/onError reconnects with our position
                webSocket.abort();
                reconnect(webSocket);
            } else {
                failures = 0;
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCodes.add(statusCode);
            reconnect(webSocket);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lastFailure = error;
            reconnect(webSocket);
        }

        private void reconnect(WebSocket webSocket) {
            if (socket == webSocket) {
                socket = null;
                retryLater();
            }
        }
    }
}
