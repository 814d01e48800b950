package io.ticketrail.webhook;

import java.sql.Statement;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ticketrail.config.AdvisoryLeader;
import io.ticketrail.config.DirectConnections;
import io.ticketrail.log.EventLog;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * One instance delivers webhooks: the one holding the webhook advisory lock ({@link AdvisoryLeader}). The lock's
 * connection also LISTENs for the log's wake-ups while some endpoint can take a delivery, so only the delivering
 * instance hears them, and a lost connection both ends the leadership and shows at the next wait.
 */
@Singleton
public class WebhookLeader {

    public static final String APPLICATION_NAME = "ticketrail-webhooks";

    @Inject
    DirectConnections direct;

    @Inject
    WebhookConfig config;

    private AdvisoryLeader lock;

    /**
     * Whether the lock's connection LISTENs now; a new connection (a new leadership) starts without. Read and
     * written only in the lock's callbacks, under its monitor.
     */
    private boolean listening;

    @PostConstruct
    void init() {
        lock = new AdvisoryLeader(
                direct, APPLICATION_NAME, config.leaderLock(), "delivers webhooks", c -> listening = false);
    }

    /** Read by the delivering threads before each POST: a deliverer that lost the lock sends nothing more. */
    boolean leading() {
        return lock.leading();
    }

    boolean lead() {
        return lock.lead();
    }

    /**
     * LISTENs for the log's wake-ups, or stops. With no endpoint that could take a delivery, every NOTIFY (one per
     * committed batch, hundreds a second in a rush) would be read and thrown away; the round each poll interval
     * finds a new or recovered endpoint, and listens again from then on.
     */
    void hearWakeUps(boolean wanted) {
        lock.onConnection(
                c -> {
                    if (wanted != listening) {
                        try (Statement statement = c.createStatement()) {
                            statement.execute((wanted ? "LISTEN " : "UNLISTEN ") + EventLog.CHANNEL);
                        }
                        listening = wanted;
                    }
                    return null;
                },
                null);
    }

    /** Whether the lock's connection LISTENs now, so that a wait on it can hear a wake-up. */
    boolean listening() {
        return lock.onConnection(c -> listening, false);
    }

    /** Waits up to {@code millis} for a wake-up of the log; true when one came. */
    boolean awaitWake(int millis) {
        return lock.onConnection(
                c -> {
                    PGNotification[] notifications =
                            c.unwrap(PGConnection.class).getNotifications(millis);
                    return notifications != null && notifications.length > 0;
                },
                false);
    }

    @PreDestroy
    void release() {
        lock.release();
    }
}
