package io.ticketrail.feed;

import java.time.Duration;
import java.util.List;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

/**
 * The LISTEN session read on a Vert.x event loop. pgjdbc reads a notification on a thread of its own and then peeks
 * for another with a 1 ms socket timeout, which wakes that thread a second time and throws an exception each time:
 * together about a twelfth of the server's CPU per command. Here a notification is one read on an event loop that
 * the screens' traffic keeps awake anyway.
 *
 * <p>Every field is touched on one Vert.x context only, so none needs to be volatile. Reconnects back off as the
 * JDBC loop does, trying the URL's hosts in turn; a silent spell is checked with a query that must answer in time.
 */
final class EventLoopListen {

    /** What the listener hears. Called on the event loop: nothing here may block. */
    interface Ear {
        void heard(String channel, String payload);

        void connected();

        void lost(String reason, Duration retryIn);
    }

    private final Vertx vertx;
    private final Context context;
    private final List<PgConnectOptions> hosts;
    private final String listenStatements;
    private final FeedConfig config;
    private final Duration livenessCheck;
    private final Duration livenessTimeout;
    private final Ear ear;

    private PgConnection connection;
    private int attempt;
    private Duration backoff;
    private long lastHeard;
    private long livenessTimer = -1;
    private boolean pinging;
    private boolean stopped;

    EventLoopListen(
            Vertx vertx,
            List<PgConnectOptions> hosts,
            List<String> channels,
            FeedConfig config,
            Duration livenessCheck,
            Duration livenessTimeout,
            Ear ear) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.hosts = List.copyOf(hosts);
        this.listenStatements =
                String.join("; ", channels.stream().map(c -> "LISTEN " + c).toList());
        this.config = config;
        this.livenessCheck = livenessCheck;
        this.livenessTimeout = livenessTimeout;
        this.ear = ear;
    }

    void start() {
        context.runOnContext(v -> {
            backoff = config.listenBackoffMin();
            connect();
            livenessTimer = vertx.setPeriodic(Math.max(1, livenessCheck.toMillis() / 3), id -> checkLiveness());
        });
    }

    void stop() {
        context.runOnContext(v -> {
            stopped = true;
            vertx.cancelTimer(livenessTimer);
            if (connection != null) {
                connection.close();
                connection = null;
            }
        });
    }

    private void connect() {
        if (stopped) {
            return;
        }
        PgConnectOptions options = hosts.get(Math.floorMod(attempt++, hosts.size()));
        PgConnection.connect(vertx, options).compose(this::listen).onComplete(ar -> {
            if (ar.failed()) {
                retry(reason(ar.cause()));
            } else if (stopped) {
                ar.result().close();
            } else {
                connection = ar.result();
                pinging = false;
                backoff = config.listenBackoffMin();
                lastHeard = System.nanoTime();
                ear.connected();
            }
        });
    }

    private Future<PgConnection> listen(PgConnection opened) {
        opened.notificationHandler(n -> {
            lastHeard = System.nanoTime();
            ear.heard(n.getChannel(), n.getPayload());
        });
        opened.closeHandler(v -> closed(opened));
        // a standby refuses LISTEN: that host is skipped until the next round
        return opened.query(listenStatements).execute().map(rows -> opened).onFailure(e -> opened.close());
    }

    private void closed(PgConnection closed) {
        if (connection == closed) {
            connection = null;
            retry("the connection closed");
        }
    }

    private void retry(String reason) {
        if (stopped) {
            return;
        }
        ear.lost(reason, backoff);
        vertx.setTimer(Math.max(1, backoff.toMillis()), id -> connect());
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(config.listenBackoffMax()) > 0 ? config.listenBackoffMax() : doubled;
    }

    private static String reason(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }

    /** After a silent spell, ask the server: a half-open TCP connection would otherwise stay quiet for hours. */
    private void checkLiveness() {
        PgConnection current = connection;
        if (current == null || pinging || System.nanoTime() - lastHeard < livenessCheck.toNanos()) {
            return;
        }
        pinging = true;
        long deadline = vertx.setTimer(livenessTimeout.toMillis(), id -> {
            if (pinging && connection == current) {
                pinging = false;
                // do not wait for the close to come back through a connection that may be dead
                connection = null;
                current.close();
                retry("no answer within " + livenessTimeout.toMillis() + " ms");
            }
        });
        current.query("select 1").execute().onComplete(ar -> {
            if (connection != current) {
                return; // the deadline gave up on it already
            }
            vertx.cancelTimer(deadline);
            pinging = false;
            if (ar.succeeded()) {
                lastHeard = System.nanoTime();
            } else {
                connection = null;
                current.close();
                retry(reason(ar.cause()));
            }
        });
    }
}
