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
 * connection also LISTENs for the log's wake-ups, so only the delivering instance hears them, and a lost
 * connection both ends the leadership and shows at the next wait.
 */
@Singleton
public class WebhookLeader {

    public static final String APPLICATION_NAME = "ticketrail-webhooks";

    @Inject
    DirectConnections direct;

    @Inject
    WebhookConfig config;

    private AdvisoryLeader lock;

    @PostConstruct
    void init() {
        lock = new AdvisoryLeader(direct, APPLICATION_NAME, config.leaderLock(), "delivers webhooks", c -> {
            try (Statement listen = c.createStatement()) {
                listen.execute("LISTEN " + EventLog.CHANNEL);
            }
        });
    }

    /** Read by the delivering threads before each POST: a deliverer that lost the lock sends nothing more. */
    boolean leading() {
        return lock.leading();
    }

    boolean lead() {
        return lock.lead();
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
