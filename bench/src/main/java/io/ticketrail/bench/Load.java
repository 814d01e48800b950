package io.ticketrail.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketrail.bench.Site.OrderTrack;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.impl.VertxInternal;

/**
 * The generator: creates the locations, connects the screens at a set rate, and sends commands open loop at a set
 * rate. Each command has an intended send time on a fixed schedule; when the server (or this process) falls
 * behind, later commands go out late but keep their intended time, so a backlog shows up as latency instead of
 * hiding in a slower send rate.
 *
 * <p>Every REST call runs on one Vert.x event loop ({@link #http}'s context), from the request to the body of its
 * answer, and the order it moves is only touched there. The command scheduler is a plain thread: it only hands
 * each command over to that event loop. (Before, the scheduler thread built each request's future chain itself;
 * when it was preempted between two {@code compose} calls long enough for the whole exchange to finish, the
 * callback that asks for the response body ran after the body had already been delivered and dropped, so the
 * body future never completed, and Vert.x's request timeout, which stops at the response head, never fired: one
 * command in tens of thousands stayed unanswered although the server had committed it.)
 */
final class Load implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] BUMPED_STATION = {null, "grill", "fry", "bar"};
    /** Orders kept waiting per location before the generator moves the oldest one on instead of placing another. */
    private static final int IDLE_ORDERS_PER_LOCATION = 3;
    /** A REST call with no complete answer by then, body included, fails as a command error. */
    private static final long EXCHANGE_DEADLINE_MS = 30_000;
    /**
     * With retries on, a command answered 503 or not at all is sent again after this long (the server's
     * Retry-After says 2 s; half that measures recovery more finely, and one try per location at a time is cheap).
     */
    private static final long RETRY_AFTER_MS = 1_000;

    private final Options options;
    private final int port;
    private final String credential;
    private final Vertx vertx;
    private final WebSocketClient webSockets;
    private final HttpClient http;
    /** The one event loop every REST call and every order's bookkeeping runs on. */
    private final Context httpContext;
    /** The event loop the screens connect from (see {@link Screen#connect()}). */
    private final Context screensContext;
    private final List<Site> sites = new ArrayList<>();
    private final List<Screen> screens = new ArrayList<>();
    private final Map<String, OrderTrack> byExternalId = new ConcurrentHashMap<>();
    private final Map<String, OrderTrack> byOrderId = new ConcurrentHashMap<>();
    private final AtomicInteger readyScreens = new AtomicInteger();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong commandErrors = new AtomicLong();
    private final Random random;
    private final String runTag;
    private volatile Phase phase = new Phase("setup");
    private volatile boolean commandsStopped;
    /** System.nanoTime() of the first command taken after {@link #markRecovery()}; 0 until one is. */
    private final AtomicLong firstTakenAfterMark = new AtomicLong();
    private long orderCounter;

    /** @param credential the Bearer token of every request and screen; null for a server without access control */
    Load(Options options, int port, String credential) {
        this.options = options;
        this.port = port;
        this.credential = credential;
        this.random = new Random(options.seed());
        this.runTag = Long.toString(options.seed(), 36);
        // two event loops: the machine has two cores and shares them with the server and PostgreSQL
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000)
                .setMaxMessageSize(16 * 1024 * 1024).setMaxFrameSize(16 * 1024 * 1024).setConnectTimeout(15_000)
                .setTcpNoDelay(true).setTryUsePerMessageCompression(options.deflate()));
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
        // two contexts, one event loop each (round robin): the REST calls on one, the screens on the other
        this.httpContext = ((VertxInternal) vertx).createEventLoopContext();
        this.screensContext = ((VertxInternal) vertx).createEventLoopContext();
    }

    /**
     * The headers every REST call and every WebSocket upgrade carries. Credentials (a cookie, a CSRF token, an
     * Authorization header) are one more line here.
     */
    private void addHeaders(BiConsumer<String, String> header) {
        header.accept("User-Agent", "ticketrail-bench");
        if (credential != null) {
            header.accept("Authorization", "Bearer " + credential);
        }
    }

    /** Every REST call's options: loopback, the server's port, and {@link #addHeaders}. */
    private RequestOptions request(HttpMethod method, String uri) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port)
                .setURI(uri).setTimeout(EXCHANGE_DEADLINE_MS);
        addHeaders(options::putHeader);
        return options;
    }

    /** Every WebSocket's connect options: loopback, the server's port, and {@link #addHeaders}. */
    WebSocketConnectOptions webSocket(String uri) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri)
                .setTimeout(15_000);
        addHeaders(options::addHeader);
        return options;
    }

    /** What a REST call came back with: 0 and no body when it failed or ran past the deadline. */
    record Answer(int status, Buffer body, String failure) {
    }

    /**
     * One REST call, run on {@link #httpContext}: the body's handler is attached in the same callback that gets
     * the response, so no part of the answer can pass before it is listened to, and the whole exchange (waiting for
     * a connection, the request, the response head and the body) is bounded by {@link #EXCHANGE_DEADLINE_MS}. The
     * returned future always completes, on that event loop.
     */
    private Future<Answer> exchange(RequestOptions options, Buffer body) {
        Promise<Answer> answer = Promise.promise();
        httpContext.runOnContext(v -> {
            long deadline = vertx.setTimer(EXCHANGE_DEADLINE_MS + 1_000, t -> answer.tryComplete(
                    new Answer(0, null, "no complete answer in " + (EXCHANGE_DEADLINE_MS + 1_000) + " ms")));
            answer.future().onComplete(ar -> vertx.cancelTimer(deadline));
            http.request(options).onComplete(ar -> {
                if (ar.failed()) {
                    answer.tryComplete(new Answer(0, null, String.valueOf(ar.cause())));
                    return;
                }
                HttpClientRequest req = ar.result();
                req.response().onComplete(r -> {
                    if (r.failed()) {
                        answer.tryComplete(new Answer(0, null, String.valueOf(r.cause())));
                        return;
                    }
                    int status = r.result().statusCode();
                    r.result().body().onComplete(b -> answer.tryComplete(b.succeeded()
                            ? new Answer(status, b.result(), null)
                            : new Answer(0, null, String.valueOf(b.cause()))));
                });
                if (body == null) {
                    req.end();
                } else {
                    req.end(body);
                }
            });
        });
        return answer.future();
    }

    boolean retries() {
        return options.retries();
    }

    int loseEvery() {
        return options.loseEvery();
    }

    boolean acks() {
        return options.acks() && !socketIo();
    }

    Vertx vertx() {
        return vertx;
    }

    Context screensContext() {
        return screensContext;
    }

    WebSocketClient webSockets() {
        return webSockets;
    }

    Phase phase() {
        return phase;
    }

    List<Screen> screens() {
        return screens;
    }

    /** Where a screen of this view connects: our feed (also the ws peer's), or the Socket.IO peer. */
    String feedUri(String locationId, View view) {
        return socketIo() ? "/socket.io/?EIO=4&transport=websocket&location=" + locationId + "&" + view.query
                : "/ws/v1/locations/" + locationId + "/feed?" + view.query;
    }

    /** The screens speak Socket.IO and resume by its connection state recovery (target=socketio). */
    boolean socketIo() {
        return options.target().equals("socketio");
    }

    OrderTrack byExternalId(String externalId) {
        return byExternalId.get(externalId);
    }

    OrderTrack byOrderId(String orderId) {
        return byOrderId.get(orderId);
    }

    void screenReady() {
        readyScreens.incrementAndGet();
    }

    /** Creates the locations, at most 16 requests at a time; fails the run on any error. */
    void createLocations() throws InterruptedException {
        Semaphore window = new Semaphore(16);
        CountDownLatch done = new CountDownLatch(options.locations());
        AtomicInteger failures = new AtomicInteger();
        String body = """
                {"name": "Bench", "timeZone": "UTC", "warnAfterSeconds": 300, "lateAfterSeconds": 600,
                 "stations": [{"id": "grill", "name": "Grill", "kind": "PREP"}, {"id": "fry", "name": "Fry", "kind": "PREP"},
                              {"id": "bar", "name": "Bar", "kind": "PREP"}, {"id": "expo", "name": "Expo", "kind": "EXPO"}],
                 "routes": [{"category": "burgers", "station": "grill"}, {"category": "fries", "station": "fry"},
                            {"category": "drinks", "station": "bar"}],
                 "defaultStation": "grill", "expoConfirmation": false}""";
        for (int i = 0; i < options.locations(); i++) {
            Site site = new Site("b" + runTag + "-" + i);
            sites.add(site);
            window.acquire();
            exchange(request(HttpMethod.PUT, "/api/v1/locations/" + site.id).putHeader("Content-Type",
                    "application/json"), Buffer.buffer(body)).onComplete(ar -> {
                        if (ar.result().status() / 100 != 2) {
                            failures.incrementAndGet();
                            Bench.log("creating " + site.id + " failed: " + ar.result().status() + " "
                                    + ar.result().failure());
                        }
                        window.release();
                        done.countDown();
                    });
        }
        if (!done.await(120, TimeUnit.SECONDS) || failures.get() > 0) {
            throw new IllegalStateException("could not create the locations: " + failures.get() + " failed");
        }
    }

    /**
     * Connects {@code screensPerLocation} more screens to every location at the configured rate (the views as the
     * first ones had); returns the milliseconds until all had their snapshot.
     */
    long connectScreens() throws InterruptedException {
        int first = screens.size();
        for (Site site : sites) {
            for (int i = 0; i < options.screensPerLocation(); i++) {
                screens.add(new Screen(this, site, View.forScreen(i)));
            }
        }
        long start = System.nanoTime();
        long interval = 1_000_000_000L / Math.max(1, options.connectRate());
        for (int i = first; i < screens.size(); i++) {
            long due = start + (i - first) * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            screens.get(i).connect();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + screens.size() / 100);
        while (readyScreens.get() < screens.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (readyScreens.get() < screens.size()) {
            throw new IllegalStateException("only " + readyScreens.get() + " of " + screens.size()
                    + " screens got their snapshot");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /**
     * Sends commands on the fixed schedule from now for {@code seconds}, then returns; the caller switches phases
     * while it runs by {@link #enter(Phase)}.
     */
    Thread startCommands(double seconds) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        double rate = options.rate();
        Thread scheduler = new Thread(() -> {
            for (long i = 0; ; i++) {
                long intended = start + (long) (i * 1e9 / rate);
                if (intended >= end || commandsStopped) {
                    return;
                }
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Site site = sites.get((int) (i % sites.size()));
                httpContext.runOnContext(v -> next(site, intended));
            }
        }, "bench-commands");
        scheduler.setDaemon(true);
        scheduler.start();
        return scheduler;
    }

    /** Ends the command schedule early; commands in flight still finish (see {@link #awaitCommands}). */
    void stopCommands() {
        commandsStopped = true;
    }

    /** From now on, {@link #firstTakenAfterMark()} is the first command the server takes. */
    void markRecovery() {
        firstTakenAfterMark.set(0);
    }

    long firstTakenAfterMark() {
        return firstTakenAfterMark.get();
    }

    void enter(Phase next) {
        next.startNanos = System.nanoTime();
        phase = next;
    }

    /** Runs on {@link #httpContext}, as does everything that touches an order's track. */
    private void next(Site site, long intended) {
        if (options.retries() && site.busy) {
            // a till waits for its answer (retrying) before it sends the next command
            return;
        }
        OrderTrack track = site.idle.size() >= IDLE_ORDERS_PER_LOCATION ? site.idle.poll() : null;
        if (track == null) {
            track = new OrderTrack(site, "x" + runTag + "-" + (orderCounter++));
            byExternalId.put(track.externalId, track);
            site.orders.add(track);
            send(track, 0, intended);
        } else {
            send(track, track.acked + 1, intended);
        }
    }

    private void send(OrderTrack track, int version, long intended) {
        track.intended.set(version, intended);
        track.awaitingAnswer = true;
        track.site.busy = true;
        Phase current = phase;
        current.commandsSent.increment();
        inFlight.incrementAndGet();
        String base = "/api/v1/locations/" + track.site.id + "/orders";
        RequestOptions request;
        Buffer body = null;
        if (version == 0) {
            request = request(HttpMethod.POST, base).putHeader("Content-Type", "application/json");
            body = Buffer.buffer(placeBody(track.externalId));
        } else if (version < OrderTrack.LAST_VERSION) {
            request = request(HttpMethod.POST, base + "/" + track.id + "/stations/" + BUMPED_STATION[version] + "/bump");
        } else {
            request = request(HttpMethod.POST, base + "/" + track.id + "/complete");
        }
        if (options.retries()) {
            // the same key on every try: a command that did commit answers its stored result, one that did not
            // runs once (docs/api.md, "Idempotency")
            request.putHeader("Idempotency-Key", track.externalId + "-v" + version);
        }
        attempt(track, version, intended, request, body);
    }

    private void attempt(OrderTrack track, int version, long intended, RequestOptions request, Buffer body) {
        exchange(request, body == null ? null : body.copy()).onComplete(ar -> {
            Answer answer = ar.result();
            Phase now = phase;
            if (options.retries() && (answer.status() == 503 || answer.status() == 0)) {
                (answer.status() == 503 ? now.commands503 : now.triesUnanswered).increment();
                vertx.setTimer(RETRY_AFTER_MS, t -> httpContext.runOnContext(
                        v -> attempt(track, version, intended, request, body)));
                return;
            }
            track.awaitingAnswer = false;
            track.site.busy = false;
            if (answer.status() / 100 == 2 && accept(track, version, answer.body())) {
                firstTakenAfterMark.compareAndSet(0, System.nanoTime());
                now.commandsOk.increment();
                now.command.recordValue(Phase.micros(System.nanoTime() - intended));
            } else {
                track.broken = true;
                now.commandErrors.increment();
                if (commandErrors.incrementAndGet() <= 5) {
                    Bench.log("command for version " + version + " of " + track.externalId + " failed: " + answer.status()
                            + " " + (answer.failure() != null ? answer.failure() : answer.body()));
                }
            }
            inFlight.decrementAndGet();
        });
    }

    private boolean accept(OrderTrack track, int version, Buffer answer) {
        try {
            var order = JSON.readTree(answer.getBytes());
            if (order.path("version").asInt() != version) {
                return false;
            }
            if (version == 0) {
                track.id = order.path("id").asText();
                byOrderId.put(track.id, track);
            }
            track.acked = version;
            if (version < OrderTrack.LAST_VERSION) {
                track.site.idle.add(track);
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private String placeBody(String externalId) {
        return "{\"externalId\":\"" + externalId + "\",\"channel\":\"DINE_IN\",\"table\":\"" + (1 + random.nextInt(40))
                + "\",\"guests\":2,\"items\":[{\"name\":\"Cheeseburger\",\"qty\":1,\"category\":\"burgers\","
                + "\"modifiers\":[\"no onion\"]},{\"name\":\"Fries\",\"qty\":1,\"category\":\"fries\"},"
                + "{\"name\":\"Lemonade\",\"qty\":1,\"category\":\"drinks\"}]}";
    }

    /**
     * Waits (bounded) until no command is in flight; returns how many are still unanswered. Their orders are
     * left out of the screen checks from here on: whether the server committed them is unknown, and that is
     * counted as {@code commandsUnanswered} instead of as a screen's fault.
     */
    long awaitCommands(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (Site site : sites) {
            for (OrderTrack track : site.orders) {
                if (track.awaitingAnswer) {
                    track.broken = true;
                    Bench.log("unanswered after the drain: order " + track.externalId + " at " + track.site.id
                            + ", command for version " + (track.acked + 1) + "; the server has it at version "
                            + serverVersion(track));
                }
            }
        }
        return inFlight.get();
    }

    /** Waits (bounded) until every screen has heard of every committed version it should show. */
    long awaitQuiet(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long missing;
        do {
            Thread.sleep(200);
            missing = screens.stream().mapToLong(Screen::missingVersions).sum();
        } while (missing > 0 && System.nanoTime() < deadline);
        return missing;
    }

    /** The order's version as the server answers a read now, to tell a lost request from a lost answer. */
    private String serverVersion(OrderTrack track) {
        if (track.id == null) {
            return "? (placement: no order id known)";
        }
        try {
            Answer answer = exchange(request(HttpMethod.GET, "/api/v1/locations/" + track.site.id + "/orders/" + track.id),
                    null).toCompletionStage().toCompletableFuture().get(EXCHANGE_DEADLINE_MS + 5_000, TimeUnit.MILLISECONDS);
            return answer.status() == 200 ? String.valueOf(answer.body().toJsonObject().getValue("version"))
                    : "? (" + answer.status() + " " + answer.failure() + ")";
        } catch (Exception e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    /** Screens picked at random (seeded), for drops. */
    List<Screen> pick(int count) {
        List<Screen> pool = new ArrayList<>(screens);
        java.util.Collections.shuffle(pool, random);
        return pool.subList(0, Math.min(count, pool.size()));
    }

    /** Failed commands over the whole run, the drain after the last phase included. */
    long commandErrors() {
        return commandErrors.get();
    }

    long ordersPlaced() {
        return byExternalId.size();
    }

    @Override
    public void close() {
        screens.forEach(Screen::stop);
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }
}
