package io.ticketrail.presence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketrail.log.EventLog;
import io.ticketrail.log.EventType;
import io.ticketrail.log.StreamLock;

/**
 * Raises and clears alarms. Each runs under the location's stream lock and checks {@code station_alarm} first, so
 * the alarm row and its log event change together and a second evaluator (another instance, a leader change)
 * finds the alarm already up and does nothing: raising is idempotent.
 */
@Singleton
public class AlarmService {

    /** The actor of alarm events: nobody did it, the watch saw it. */
    public static final String ACTOR = "system";

    public enum Kind {
        STATION(EventType.STATION_ALARM_RAISED, EventType.STATION_ALARM_CLEARED),
        PRINTER(EventType.PRINTER_ALARM_RAISED, EventType.PRINTER_ALARM_CLEARED);

        final EventType raised;
        final EventType cleared;

        Kind(EventType raised, EventType cleared) {
            this.raised = raised;
            this.cleared = cleared;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    EventLog log;

    @Inject
    ObjectMapper json;

    /** @return true when this call raised it; false when it was up already */
    @Transactional
    public boolean raise(String locationId, Kind kind, AlarmDetail detail) {
        StreamLock lock = log.lock(locationId);
        if (isUp(locationId, detail.station(), kind)) {
            return false;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long seq = log.appendLocationEvent(lock, kind.raised, detail, ACTOR, now);
        em.createNativeQuery("insert into station_alarm (location_id, station_id, kind, raised_at, raised_seq, detail) "
                        + "values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb))")
                .setParameter(1, locationId)
                .setParameter(2, detail.station())
                .setParameter(3, kind.name())
                .setParameter(4, now)
                .setParameter(5, seq)
                .setParameter(6, encode(detail))
                .executeUpdate();
        return true;
    }

    /** The tickets of an alarm that is up changed: the row shows them, the log keeps the raise as it was. */
    @Transactional
    public void update(String locationId, Kind kind, AlarmDetail detail) {
        em.createNativeQuery("update station_alarm set detail = cast(?4 as jsonb) "
                        + "where location_id = ?1 and station_id = ?2 and kind = ?3")
                .setParameter(1, locationId)
                .setParameter(2, detail.station())
                .setParameter(3, kind.name())
                .setParameter(4, encode(detail))
                .executeUpdate();
    }

    /** @return true when this call cleared it */
    @Transactional
    public boolean clear(String locationId, String station, Kind kind, Object detail) {
        StreamLock lock = log.lock(locationId);
        int deleted = em.createNativeQuery(
                        "delete from station_alarm where location_id = ?1 and station_id = ?2 and kind = ?3")
                .setParameter(1, locationId)
                .setParameter(2, station)
                .setParameter(3, kind.name())
                .executeUpdate();
        if (deleted == 0) {
            return false;
        }
        log.appendLocationEvent(lock, kind.cleared, detail, ACTOR, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return true;
    }

    private boolean isUp(String locationId, String station, Kind kind) {
        List<?> rows = em.createNativeQuery(
                        "select 1 from station_alarm where location_id = ?1 and station_id = ?2 and kind = ?3")
                .setParameter(1, locationId)
                .setParameter(2, station)
                .setParameter(3, kind.name())
                .getResultList();
        return !rows.isEmpty();
    }

    private String encode(Object detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not encode an alarm", e);
        }
    }
}
