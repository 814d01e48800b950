package io.ticketrail.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import io.ticketrail.log.StreamHead;

/**
 * Where each endpoint's delivery stands, in the database: the cursor, the backoff and the pause. Written by the
 * delivering instance only; a new one reads it and goes on from there. A cursor only moves forward, so a late
 * answer from a deliverer that lost its lock cannot move one back.
 */
@Singleton
public class WebhookLedger {

    private static final String ROUND = "select p.paused, e.id, e.location_id, e.url, e.event_types, e.secret,"
            + " e.cursor_epoch, e.delivered_seq"
            + " from (select count(*) as paused from webhook_endpoint where state = 'PAUSED') p"
            + " left join webhook_endpoint e"
            + " on e.state = 'ACTIVE' and (e.next_attempt_at is null or e.next_attempt_at <= ?)";

    @Inject
    WebhookConfig config;

    @Inject
    DataSource dataSource;

    /** An endpoint as a delivery turn needs it, read once per turn. */
    record Due(
            UUID id,
            String locationId,
            String url,
            String[] eventTypes,
            String secret,
            UUID cursorEpoch,
            long deliveredSeq) {}

    /** What a delivery round reads: the paused endpoints' count (for the gauge) and the endpoints due now. */
    record Round(long paused, List<Due> due) {}

    /**
     * One statement a round, every second on the leader even with no endpoint at all: plain JDBC, the paused count
     * and the due endpoints in one answer (the left join gives the count's row when nothing is due). As Panache
     * queries in a transaction this idle loop was about 2% of a busy server's samples (docs/performance.md).
     */
    Round round(Instant now) {
        long paused = 0;
        List<Due> due = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(ROUND)) {
            statement.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    paused = rs.getLong(1);
                    UUID id = rs.getObject(2, UUID.class);
                    if (id != null) {
                        due.add(new Due(
                                id,
                                rs.getString(3),
                                rs.getString(4),
                                (String[]) rs.getArray(5).getArray(),
                                rs.getString(6),
                                rs.getObject(7, UUID.class),
                                rs.getLong(8)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the webhook endpoints due", e);
        }
        return new Round(paused, due);
    }

    /** The endpoint as it is now, while it is active and its backoff is over. */
    @Transactional
    Optional<Due> current(UUID id) {
        Instant now = Instant.now();
        return WebhookEndpoint.<WebhookEndpoint>findByIdOptional(id)
                .filter(e ->
                        e.state == WebhookState.ACTIVE && (e.nextAttemptAt == null || !e.nextAttemptAt.isAfter(now)))
                .map(WebhookLedger::due);
    }

    private static Due due(WebhookEndpoint e) {
        return new Due(e.id, e.locationId, e.url, e.eventTypes, e.secret, e.cursorEpoch, e.deliveredSeq);
    }

    /** Past events it did not ask for, or delivered: the cursor moves on, and a delivery ends the failing spell. */
    @Transactional
    void advance(UUID id, long seq, Integer deliveredWith) {
        WebhookEndpoint.findByIdOptional(id).map(WebhookEndpoint.class::cast).ifPresent(e -> {
            e.deliveredSeq = Math.max(e.deliveredSeq, seq);
            if (deliveredWith != null) {
                Instant now = Instant.now();
                e.lastAttemptAt = now;
                e.lastSuccessAt = now;
                e.lastStatus = deliveredWith;
                e.failingSince = null;
                e.failedAttempts = 0;
                e.nextAttemptAt = null;
            }
        });
    }

    /**
     * The log was reset or restored (another epoch), or lost the events after the cursor to retention: delivery
     * goes on from where the log now is, and the endpoint says what it could not deliver.
     */
    @Transactional
    void restart(UUID id, StreamHead head, long from, String why) {
        WebhookEndpoint.findByIdOptional(id).map(WebhookEndpoint.class::cast).ifPresent(e -> {
            e.cursorEpoch = head.epoch();
            e.deliveredSeq = from;
            e.lastError = bounded(why);
        });
    }

    /** Pauses the active endpoints this actor registered ({@code key:<id>}), saying why. */
    @Transactional
    void pauseRegisteredBy(String actor, String reason) {
        WebhookEndpoint.update(
                "state = ?1, pausedReason = ?2, pausedAt = ?3, nextAttemptAt = null where createdBy = ?4 and state = ?5",
                WebhookState.PAUSED,
                reason,
                Instant.now(),
                actor,
                WebhookState.ACTIVE);
    }

    /** A failed attempt: retried after a backoff with jitter, or paused once it has failed for too long. */
    @Transactional
    boolean failed(UUID id, Integer status, String error) {
        WebhookEndpoint e = WebhookEndpoint.findById(id);
        if (e == null) {
            return false;
        }
        Instant now = Instant.now();
        e.lastAttemptAt = now;
        e.lastStatus = status;
        e.lastError = bounded(error);
        e.failingSince = e.failingSince == null ? now : e.failingSince;
        e.failedAttempts++;
        if (Duration.between(e.failingSince, now).compareTo(config.pauseAfter()) > 0) {
            e.state = WebhookState.PAUSED;
            e.pausedAt = now;
            e.pausedReason = bounded(e.failedAttempts + " failed attempts in "
                    + lasting(Duration.between(e.failingSince, now)) + ", the last: " + e.lastError);
            e.nextAttemptAt = null;
            return true;
        }
        e.nextAttemptAt = now.plus(backoff(e.failedAttempts));
        return false;
    }

    /** backoffMin doubled per failure, capped, then somewhere in its upper half so receivers are not hit in step. */
    private Duration backoff(int failures) {
        long min = config.backoffMin().toMillis();
        long max = config.backoffMax().toMillis();
        long full = min << Math.min(failures - 1, 30);
        long capped = Math.min(max, full <= 0 ? max : full);
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** "40 s", "12 min", "3 h": what a manager reads on the access page. */
    private static String lasting(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        return seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }

    private static String bounded(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }
}
