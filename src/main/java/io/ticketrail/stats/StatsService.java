package io.ticketrail.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.ticketrail.location.LocationService;
import io.ticketrail.location.LocationView;
import io.ticketrail.web.ProblemException;

/** Speed of service and the completed-orders report, read straight from the orders (not from the event log). */
@Singleton
public class StatsService {

    /** The window of the speed numbers. */
    static final Duration WINDOW = Duration.ofHours(1);
    /** The chart shows this many 15-minute buckets: the last four hours. */
    static final int BUCKETS = 16;
    /** A report covers at most this many days, so one request cannot read years of orders. */
    static final int MAX_REPORT_DAYS = 366;

    @Inject
    EntityManager em;

    @Inject
    LocationService locations;

    @Transactional
    public SpeedOfService speed(String locationId, Instant now) {
        LocationView location =
                locations.find(locationId).orElseThrow(() -> ProblemException.notFound("No location " + locationId));
        Instant since = now.minus(WINDOW);
        return new SpeedOfService(
                since,
                now,
                stationTimes(locationId, since),
                orderTimes(locationId, since),
                late(location, now),
                buckets(locationId, now));
    }

    private List<SpeedOfService.StationTime> stationTimes(String locationId, Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select station_id, count(*), avg(seconds), percentile_cont(0.9) within group (order by seconds)
                from (select i.station_id, extract(epoch from max(i.done_at) - o.placed_at) as seconds
                      from order_item i join kitchen_order o on o.id = i.order_id
                      where o.location_id = ?1 and i.status = 'DONE'
                      group by o.id, o.placed_at, i.station_id
                      having max(i.done_at) >= ?2) tickets
                group by station_id order by station_id""")
                .setParameter(1, locationId)
                .setParameter(2, Timestamp.from(since))
                .getResultList();
        return rows.stream()
                .map(r -> new SpeedOfService.StationTime(
                        (String) r[0], ((Number) r[1]).intValue(), number(r[2]), number(r[3])))
                .toList();
    }

    private SpeedOfService.StationTime orderTimes(String locationId, Instant since) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select count(*), avg(extract(epoch from ready_at - placed_at)),
                       percentile_cont(0.9) within group (order by extract(epoch from ready_at - placed_at))
                from kitchen_order where location_id = ?1 and ready_at >= ?2""")
                .setParameter(1, locationId)
                .setParameter(2, Timestamp.from(since))
                .getSingleResult();
        return new SpeedOfService.StationTime(null, ((Number) row[0]).intValue(), number(row[1]), number(row[2]));
    }

    private List<SpeedOfService.LateTicket> late(LocationView location, Instant now) {
        Instant lateSince = now.minusSeconds(location.lateAfterSeconds());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, number, table_label, customer_name, placed_at, promised_at
                from kitchen_order
                where location_id = ?1 and status in ('NEW', 'IN_PROGRESS', 'READY')
                  and (placed_at <= ?2 or promised_at < ?3)
                order by placed_at limit 100""")
                .setParameter(1, location.id())
                .setParameter(2, Timestamp.from(lateSince))
                .setParameter(3, Timestamp.from(now))
                .getResultList();
        return rows.stream()
                .map(r -> {
                    Instant placedAt = instant(r[4]);
                    Instant promisedAt = instant(r[5]);
                    String reason = promisedAt != null && promisedAt.isBefore(now)
                            ? "past promised time"
                            : "past late threshold";
                    return new SpeedOfService.LateTicket(
                            (UUID) r[0],
                            ((Number) r[1]).intValue(),
                            (String) r[2],
                            (String) r[3],
                            placedAt,
                            promisedAt,
                            reason);
                })
                .toList();
    }

    private List<SpeedOfService.Bucket> buckets(String locationId, Instant now) {
        // the end of the current quarter hour, so the last bar fills as orders come in
        Instant end = Instant.ofEpochSecond((now.getEpochSecond() / 900 + 1) * 900);
        Instant start = end.minus(Duration.ofMinutes(15L * BUCKETS));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select floor(extract(epoch from placed_at - ?2) / 900)::int, count(*)
                from kitchen_order where location_id = ?1 and placed_at >= ?2 and placed_at < ?3
                group by 1""")
                .setParameter(1, locationId)
                .setParameter(2, Timestamp.from(start))
                .setParameter(3, Timestamp.from(end))
                .getResultList();
        int[] counts = new int[BUCKETS];
        rows.forEach(r -> counts[((Number) r[0]).intValue()] = ((Number) r[1]).intValue());
        List<SpeedOfService.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < BUCKETS; i++) {
            buckets.add(new SpeedOfService.Bucket(start.plus(Duration.ofMinutes(15L * i)), counts[i]));
        }
        return buckets;
    }

    /**
     * Writes the orders completed from the start of {@code from} to the end of {@code to} (the location's local
     * days) as CSV, oldest first.
     *
     * @throws ProblemException 400 for a range that is backwards or longer than {@value #MAX_REPORT_DAYS} days
     */
    @Transactional
    public void completedCsv(String locationId, LocalDate from, LocalDate to, Writer out) {
        LocationView location =
                locations.find(locationId).orElseThrow(() -> ProblemException.notFound("No location " + locationId));
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_REPORT_DAYS) {
            throw ProblemException.invalid("to", "at most " + MAX_REPORT_DAYS + " days after from");
        }
        ZoneId zone = ZoneId.of(location.timeZone());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select o.number, o.external_id, o.channel, o.table_label, o.customer_name, o.server_name, o.guests,
                       o.priority, o.placed_at, o.ready_at, o.completed_at,
                       (select count(*) from order_item i where i.order_id = o.id and i.status <> 'VOIDED')
                from kitchen_order o
                where o.location_id = ?1 and o.status = 'COMPLETED' and o.completed_at >= ?2 and o.completed_at < ?3
                order by o.completed_at""")
                .setParameter(1, locationId)
                .setParameter(2, Timestamp.from(from.atStartOfDay(zone).toInstant()))
                .setParameter(
                        3, Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()))
                .getResultList();
        try {
            out.write("number,external_id,channel,table,customer_name,server_name,guests,priority,placed_at,ready_at,"
                    + "completed_at,ticket_seconds,items\r\n");
            for (Object[] r : rows) {
                Instant placed = instant(r[8]);
                Instant ready = instant(r[9]);
                List<Object> values = new ArrayList<>(Arrays.asList(r).subList(0, 8));
                values.add(placed);
                values.add(ready);
                values.add(instant(r[10]));
                values.add(
                        ready == null ? null : Duration.between(placed, ready).toSeconds());
                values.add(r[11]);
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < values.size(); i++) {
                    line.append(i == 0 ? "" : ",").append(Csv.cell(values.get(i)));
                }
                out.write(line.append("\r\n").toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("Not a time: " + value.getClass());
    }
}
