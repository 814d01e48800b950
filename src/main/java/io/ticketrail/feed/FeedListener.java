package io.ticketrail.feed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ticketrail.access.AccessRevoked;
import io.ticketrail.config.DirectConnections;
import io.ticketrail.log.EventLog;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * This instance's ear on the log: one dedicated connection (never pooled) that LISTENs for wake-ups, reconnecting
 * with backoff and catching up from the table after every (re)connect, plus a slow poll as the safety net for a
 * notification lost in between.
 */
@Singleton
public class FeedListener {

    /** application_name of the LISTEN connection, so operators (and tests) can find it in pg_stat_activity. */
    public static final String APPLICATION_NAME = "ticketrail-listen";

    private static final Logger LOG = Logger.getLogger(FeedListener.class);
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(15);
    private static final Duration LIVENESS_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    FeedDispatcher dispatcher;

    @Inject
    FeedConfig config;

    @Inject
    Event<AccessRevoked> revocations;

    @Inject
    DirectConnections direct;

    @Inject
    MeterRegistry registry;

    private volatile boolean running;
    private volatile boolean connected;
    private Thread listener;
    private ScheduledExecutorService poller;

    void onStart(@Observes StartupEvent event) {
        // 0 while this instance hears no wake-ups: screens then lag by up to poll-interval (alert: LISTEN down)
        Gauge.builder("ticketrail.feed.listen.connected", this, l -> l.connected ? 1 : 0)
                .description("1 while the LISTEN connection is open, 0 while it reconnects")
                .register(registry);
        running = true;
        listener = new Thread(this::listen, "feed-listen");
        listener.setDaemon(true);
        listener.start();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "feed-poll");
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
        if (listener != null) {
            listener.interrupt();
        }
    }

    public boolean isConnected() {
        return connected;
    }

    private void poll() {
        try {
            dispatcher.catchUpAll();
        } catch (RuntimeException e) {
            LOG.debug("Feed poll failed; the next one retries", e);
        }
    }

    private void listen() {
        Duration backoff = config.listenBackoffMin();
        while (running) {
            try (Connection connection = direct.openForNotifications(APPLICATION_NAME)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + EventLog.CHANNEL);
                    statement.execute("LISTEN " + AccessRevoked.CHANNEL);
                }
                connected = true;
                backoff = config.listenBackoffMin();
                // whatever was notified while we were not listening is in the table
                poll();
                PGConnection pg = connection.unwrap(PGConnection.class);
                // a half-open TCP connection times out quietly for hours: after a silent spell, ask the server
                connection.setNetworkTimeout(Runnable::run, (int) LIVENESS_TIMEOUT.toMillis());
                long lastHeard = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        lastHeard = System.nanoTime();
                        for (PGNotification notification : notifications) {
                            if (AccessRevoked.CHANNEL.equals(notification.getName())) {
                                revoked(notification.getParameter());
                            } else {
                                wake(notification.getParameter());
                            }
                        }
                    } else if (System.nanoTime() - lastHeard > LIVENESS_CHECK.toNanos()) {
                        try (Statement ping = connection.createStatement()) {
                            ping.execute("select 1");
                        }
                        lastHeard = System.nanoTime();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    registry.counter("ticketrail.feed.listen.losses").increment();
                    LOG.warnf("LISTEN connection lost (%s); reconnecting in %d ms", e.getMessage(), backoff.toMillis());
                }
            } finally {
                connected = false;
            }
            if (!pause(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(config.listenBackoffMax()) > 0
                    ? config.listenBackoffMax()
                    : backoff.multipliedBy(2);
        }
    }

    private void revoked(String payload) {
        try {
            revocations.fire(new AccessRevoked(UUID.fromString(payload)));
        } catch (RuntimeException e) {
            LOG.debugf(e, "Could not act on revocation %s", payload);
        }
    }

    private void wake(String payload) {
        int colon = payload.lastIndexOf(':');
        if (colon <= 0) {
            return;
        }
        try {
            dispatcher.wake(payload.substring(0, colon), Long.parseLong(payload.substring(colon + 1)));
        } catch (NumberFormatException e) {
            LOG.debugf("Ignoring a malformed notification %s", payload);
        }
    }

    private boolean pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
