package io.ticketrail.bench;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.channel.ChannelOption;
import io.ticketrail.bench.Site.OrderTrack;
import io.ticketrail.feed.client.FeedState;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.impl.WebSocketImplBase;

/**
 * One simulated screen: a WebSocket on one view of one location, judged by the application's own client rules
 * ({@link FeedState}) and by what the generator knows it sent. Its handlers may run on different event loops
 * after a reconnect, so every entry point is synchronized on the screen.
 */
final class Screen {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A screen that cannot connect stops trying after this many attempts and counts as failed. */
    private static final int MAX_ATTEMPTS = 20;

    final Site site;
    final View view;
    final FeedState state = new FeedState();
    private final Load load;
    /** The newest version of each order this screen has been told about. */
    private final Map<OrderTrack, Integer> covered = new HashMap<>();

    private WebSocket ws;
    private boolean running = true;
    private boolean greeted;
    private boolean awaitingCatchUp;
    private long openedAt;
    /** The screen's position when its connection opened, to count what a Socket.IO recovery brought. */
    private long seqAtOpen;
    /** Socket.IO (target=socketio): the session to recover, and the offset of the last broadcast received. */
    private String sessionPid;
    private String lastOffset;
    private int attempts;
    private long diffsReceived;
    private boolean ackQueued;
    private long lastAck = System.nanoTime() - 2_000_000_000L;
    long acksSent;

    // correctness counters: every one must stay 0
    long gaps;
    long outOfOrder;
    long duplicates;
    long duplicateChanges;
    long unknownChanges;
    long errorMessages;
    long pingBehind;
    long epochChanges;
    long connectFailures;
    // facts, not failures
    long unexpectedCloses;
    /** Connections whose handshake answer agreed to permessage-deflate. */
    long deflateNegotiated;
    long resumes;
    boolean resyncedBySnapshot;
    /** System.nanoTime() when the server last began telling this screen it cannot reach its database; 0: not. */
    volatile long toldAwayAt;

    Screen(Load load, Site site, View view) {
        this.load = load;
        this.site = site;
        this.view = view;
    }

    /**
     * Connects (again) from the screens' event loop, so the connect future's handler is attached before the
     * connection can complete, whichever thread asks.
     */
    void connect() {
        load.screensContext().runOnContext(v -> load.webSockets()
                .connect(load.webSocket(load.feedUri(site.id, view))).onComplete(ar -> {
                    if (ar.succeeded()) {
                        opened(ar.result());
                    } else {
                        failedToConnect();
                    }
                }));
    }

    private synchronized void failedToConnect() {
        if (!running) {
            return;
        }
        // with retries on (the faults scenario) a screen keeps trying through a 30 s outage, as a real one does
        if (++attempts >= (load.retries() ? 10 * MAX_ATTEMPTS : MAX_ATTEMPTS)) {
            connectFailures++;
            return;
        }
        load.vertx().setTimer(load.retries() ? Math.min(1_000L, 100L * attempts) : 100L * attempts, t -> connect());
    }

    private synchronized void opened(WebSocket socket) {
        if (!running) {
            socket.close();
            return;
        }
        attempts = 0;
        ws = socket;
        openedAt = System.nanoTime();
        String extensions = socket.headers() == null ? null : socket.headers().get("Sec-WebSocket-Extensions");
        if (extensions != null && extensions.contains("permessage-deflate")) {
            deflateNegotiated++;
        }
        socket.textMessageHandler(text -> onText(socket, text));
        socket.closeHandler(v -> closed(socket));
        socket.exceptionHandler(e -> {
        });
        awaitingCatchUp = state.position().isPresent();
        seqAtOpen = state.seq();
        if (load.socketIo()) {
            // Engine.IO speaks first (its open packet); see socketIo()
            return;
        }
        ObjectNode hello = JSON.createObjectNode().put("type", "hello");
        state.position().ifPresent(p -> hello.putObject("resume").put("epoch", p.epoch()).put("seq", p.seq()));
        socket.writeTextMessage(hello.toString());
    }

    private synchronized void onText(WebSocket socket, String text) {
        if (socket != ws) {
            return;
        }
        long now = System.nanoTime();
        Phase phase = load.phase();
        if (load.socketIo()) {
            socketIo(socket, text, now, phase);
            return;
        }
        JsonNode message = parse(text);
        if (message == null || thrownAway(message)) {
            return;
        }
        boolean catchUp = awaitingCatchUp;
        awaitingCatchUp = false;
        long seq = state.seq();
        handle(message, catchUp, now, phase);
        if (state.seq() > seq || "ping".equals(message.path("type").asText())) {
            ackSoon(socket, now);
        }
    }

    /** As a screen acknowledges: after each change and ping it applied, at most once a second. */
    private void ackSoon(WebSocket socket, long now) {
        if (!load.acks() || ackQueued) {
            return;
        }
        ackQueued = true;
        long waitMs = Math.max(1, (lastAck + 1_000_000_000L - now) / 1_000_000);
        load.vertx().setTimer(waitMs, t -> sendAck(socket));
    }

    private synchronized void sendAck(WebSocket socket) {
        ackQueued = false;
        if (socket != ws || !running) {
            return;
        }
        lastAck = System.nanoTime();
        socket.writeTextMessage("{\"type\":\"ack\",\"seq\":" + state.seq() + "}");
        acksSent++;
    }

    /**
     * One Engine.IO v4 / Socket.IO v5 packet over the WebSocket, read as socket.io-client reads it: the open packet
     * is answered with a CONNECT that carries the session id and last offset when there are some (a recovery
     * attempt); the server's pings are answered; events carry the same feed messages as ours, broadcasts with their
     * offset last. Packets replayed by a recovery arrive before the CONNECT answer, which says whether the session
     * was recovered (the same pid) or not (then a snapshot follows, counted as a fallback).
     */
    private void socketIo(WebSocket socket, String text, long now, Phase phase) {
        if (text.equals("2")) {
            socket.writeTextMessage("3");
        } else if (text.startsWith("0")) {
            ObjectNode auth = JSON.createObjectNode();
            if (sessionPid != null && lastOffset != null) {
                auth.put("pid", sessionPid).put("offset", lastOffset);
            }
            socket.writeTextMessage(auth.isEmpty() ? "40" : "40" + auth);
        } else if (text.startsWith("40")) {
            JsonNode connect = parse(text.substring(2));
            String pid = connect == null ? null : connect.path("pid").asText(null);
            boolean recovered = sessionPid != null && sessionPid.equals(pid);
            sessionPid = pid;
            if (awaitingCatchUp && recovered) {
                awaitingCatchUp = false;
                caughtUp(phase, now, state.seq() - seqAtOpen);
            }
        } else if (text.startsWith("42")) {
            JsonNode event = parse(text.substring(2));
            if (event == null || !event.isArray()) {
                errorMessages++;
                return;
            }
            JsonNode message = event.path(1);
            if (thrownAway(message)) {
                return;
            }
            // until the CONNECT answer, what arrives is replayed: catch-up, whose latency is the time away
            boolean catchUp = awaitingCatchUp;
            if ("snapshot".equals(message.path("type").asText())) {
                awaitingCatchUp = false;
            }
            handle(message, catchUp, now, phase);
            // the offset of the last broadcast applied: not of one thrown away by the self-test, nor of one that
            // made the screen resume (a gap), so that a recovery replays from what the screen really has
            JsonNode last = event.get(event.size() - 1);
            if (socket == ws && event.size() > 2 && last.isTextual()) {
                lastOffset = last.asText();
            }
        } else if (text.startsWith("44")) {
            errorMessages++;
        }
    }

    private JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            errorMessages++;
            return null;
        }
    }

    /** The loseEvery self-test: throws away every Nth diff. */
    private boolean thrownAway(JsonNode message) {
        return load.loseEvery() > 0 && "diff".equals(message.path("type").asText())
                && ++diffsReceived % load.loseEvery() == 0;
    }

    /** One feed message, by the application's client rules; {@code catchUp}: it is (part of) a resume's catch-up. */
    private void handle(JsonNode message, boolean catchUp, long now, Phase phase) {
        switch (message.path("type").asText()) {
            case "snapshot" -> snapshot(message, catchUp, now, phase);
            case "diff" -> diff(message, catchUp, now, phase);
            case "ping" -> {
                if (state.apply(message) == FeedState.Outcome.RESUME) {
                    pingBehind++;
                    resume();
                } else if (catchUp && !load.socketIo()) {
                    caughtUp(phase, now, 0);
                }
            }
            case "status" -> {
                if ("unreachable".equals(message.path("database").asText()) && toldAwayAt == 0) {
                    toldAwayAt = now;
                }
            }
            case "error" -> errorMessages++;
            default -> {
            }
        }
    }

    private void snapshot(JsonNode message, boolean catchUp, long now, Phase phase) {
        state.apply(message);
        if (!greeted) {
            greeted = true;
            load.screenReady();
            return;
        }
        // a resume that could not be served from the log: start over from what the snapshot shows
        resyncedBySnapshot = true;
        covered.clear();
        for (JsonNode order : message.path("orders")) {
            OrderTrack track = load.byExternalId(order.path("externalId").asText());
            if (track != null) {
                covered.put(track, order.path("version").asInt());
            }
        }
        if (catchUp) {
            phase.snapshotFallbacks.increment();
            phase.catchUp.recordValue(Phase.micros(now - openedAt));
        }
    }

    private void diff(JsonNode message, boolean catchUp, long now, Phase phase) {
        long seq = state.seq();
        long from = message.path("from").asLong();
        long to = message.path("to").asLong();
        if (!message.path("epoch").asText().equals(state.epoch())) {
            epochChanges++;
        } else if (to <= seq) {
            duplicates++;
        } else if (from > seq) {
            gaps++;
        } else if (from < seq) {
            outOfOrder++;
        }
        FeedState.Outcome outcome = state.apply(message);
        if (outcome == FeedState.Outcome.RESUME) {
            resume();
            return;
        }
        if (outcome != FeedState.Outcome.APPLIED) {
            return;
        }
        JsonNode changes = message.path("changes");
        if (!changes.isEmpty()) {
            phase.deliveries.increment();
        }
        for (JsonNode change : changes) {
            cover(change, catchUp, now, phase);
        }
        // ours and the ws peer answer a resume with one catch-up diff; Socket.IO replays several (see socketIo())
        if (catchUp && !load.socketIo()) {
            caughtUp(phase, now, to - from);
        }
    }

    private void caughtUp(Phase phase, long now, long missed) {
        phase.catchUps.increment();
        phase.catchUp.recordValue(Phase.micros(now - openedAt));
        phase.missedEntries.add(missed);
        phase.maxMissedEntries.accumulateAndGet(missed, Math::max);
    }

    /** Records what a change tells this screen, and the latency of every command it is the first news of. */
    private void cover(JsonNode change, boolean catchUp, long now, Phase phase) {
        OrderTrack track;
        int version;
        if ("upsert".equals(change.path("op").asText())) {
            track = load.byExternalId(change.path("order").path("externalId").asText());
            version = change.path("order").path("version").asInt();
        } else {
            track = load.byOrderId(change.path("orderId").asText());
            version = change.path("version").asInt();
        }
        if (track == null) {
            unknownChanges++;
            return;
        }
        int before = covered.getOrDefault(track, -1);
        if (version < before) {
            outOfOrder++;
        } else if (version == before) {
            duplicateChanges++;
        } else {
            for (int v = before + 1; v <= Math.min(version, view.lastChange); v++) {
                long intended = track.intended.get(v);
                // a catch-up's latency is the time away, not the feed's: it is measured as catch-up time instead
                if (!catchUp && intended != 0) {
                    phase.delivery.recordValue(Phase.micros(now - intended));
                }
            }
            covered.put(track, version);
        }
    }

    private void closed(WebSocket socket) {
        synchronized (this) {
            if (socket != ws || !running) {
                return;
            }
            ws = null;
            unexpectedCloses++;
        }
        load.vertx().setTimer(200, t -> connect());
    }

    /** The rules say something was missed: drop this connection and resume from our position, as a screen does. */
    private void resume() {
        resumes++;
        if (load.socketIo() && awaitingCatchUp) {
            // a hole in what a Socket.IO recovery replayed would be replayed again: start over with a snapshot
            sessionPid = null;
        }
        abort(ws);
        ws = null;
        load.vertx().setTimer(50, t -> connect());
    }

    /** Loses the connection as a Wi-Fi drop would, without a close handshake; {@link #connect()} resumes. */
    synchronized void drop() {
        abort(ws);
        ws = null;
    }

    synchronized void stop() {
        running = false;
        if (ws != null) {
            ws.close();
            ws = null;
        }
    }

    private static void abort(WebSocket socket) {
        if (socket instanceof WebSocketImplBase<?> impl) {
            // linger 0: the socket is reset, no FIN handshake and no close frame
            impl.channelHandlerContext().channel().config().setOption(ChannelOption.SO_LINGER, 0);
            impl.channelHandlerContext().channel().close();
        } else if (socket != null) {
            socket.close();
        }
    }

    synchronized boolean isReady() {
        return greeted;
    }

    /** Orders whose versions this screen should have heard of by now and has not; 0 when it is caught up. */
    synchronized long missingVersions() {
        if (resyncedBySnapshot) {
            return 0;
        }
        long missing = 0;
        for (OrderTrack track : site.orders) {
            if (track.broken || track.acked < 0) {
                continue;
            }
            int seen = covered.getOrDefault(track, -1);
            // An order that came and left this view between two reads of the log (one fan-out batch) is never sent:
            // the server sends no remove for what a view never had. It is not lost if the screen agrees it is gone;
            // a lost message shows as a gap (lostDiffs) or a state mismatch instead.
            if (seen < 0 && !view.shows(track.acked)) {
                continue;
            }
            if (seen < Math.min(track.acked, view.lastChange)) {
                missing++;
            }
        }
        return missing;
    }

    /** Orders whose presence or version on this screen differs from what the generator knows was committed. */
    synchronized long stateMismatches() {
        Map<String, JsonNode> shown = state.orders();
        long mismatches = 0;
        for (OrderTrack track : site.orders) {
            if (track.broken || track.acked < 0 || track.id == null) {
                continue;
            }
            JsonNode order = shown.get(track.id);
            boolean expected = view.shows(track.acked);
            if (expected != (order != null) || (order != null && order.path("version").asInt() != track.acked)) {
                mismatches++;
            }
        }
        return mismatches;
    }
}
