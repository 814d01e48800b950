package io.ticketrail.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.ticketrail.feed.FeedConfig;
import io.ticketrail.feed.FeedProjection;
import io.ticketrail.feed.FeedView;
import io.ticketrail.feed.ViewKind;
import io.ticketrail.log.EventLog;
import io.ticketrail.log.EventType;
import io.ticketrail.log.LogReader;
import io.ticketrail.log.StoredEvent;
import io.ticketrail.order.OrderView;
import org.jboss.logging.Logger;

/**
 * The missed-ticket alarm. On the leader only, every {@code evaluateEvery}: read what every location's log did
 * since last time, find the changes that touched a station, drop those a screen of that station acknowledged, and
 * decide per station whether it is blind (docs/protocol.md, "The missed-ticket alarm"). Everything it keeps in
 * memory it can rebuild from the log and the presence rows, so a new leader just starts over.
 */
@ApplicationScoped
public class StationWatch {

    private static final Logger LOG = Logger.getLogger(StationWatch.class);
    /** Events read per location per round; a location further behind catches up over the next rounds. */
    private static final int BATCH = 500;
    /** Bytes of order state per read: a page stops early rather than hold a hostile location's huge orders. */
    private static final long BATCH_BYTES = 8L << 20;
    /** The changes a cook must see (issue 13); a bump or a start is the cook's own doing. */
    private static final Set<EventType> TOUCHING = EnumSet.of(
            EventType.ORDER_PLACED,
            EventType.ITEMS_ADDED,
            EventType.ITEM_VOIDED,
            EventType.ITEM_CHANGED,
            EventType.COURSE_FIRED,
            EventType.ORDER_CANCELLED);

    @Inject
    PresenceConfig config;

    @Inject
    FeedConfig feedConfig;

    @Inject
    PresenceReads reads;

    @Inject
    PresenceLeader leader;

    @Inject
    AlarmService alarms;

    @Inject
    AlarmMetrics metrics;

    @Inject
    EventLog log;

    @Inject
    LogReader logReader;

    @Inject
    ObjectMapper json;

    @Inject
    Printing printing;

    /** Per location: where its log was read up to, its open orders, its unacknowledged touches. */
    private static final class Watched {
        long cursor;
        final Map<UUID, OrderView> orders = new HashMap<>();
        final List<Touch> touches = new ArrayList<>();
        /** {@code station:seq} of the changes already printed, from TICKET_PRINTED entries. */
        final Set<String> printed = new HashSet<>();
        /** Per station, since when it has had open tickets and no live screen (seen by this leader). */
        final Map<String, Instant> blindSince = new HashMap<>();
    }

    private final Map<String, Watched> watched = new HashMap<>();
    /** Locations whose last evaluation failed, so a lasting failure is logged once, not every second. */
    private final Set<String> failing = new HashSet<>();

    private Instant lastSweep = Instant.EPOCH;

    @Scheduled(
            every = "${ticketrail.presence.evaluate-every}",
            delayed = "${ticketrail.presence.evaluate-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Alarm evaluation failed; trying again in %s", config.evaluateEvery());
        }
    }

    synchronized void tick() {
        if (!leader.lead()) {
            if (!watched.isEmpty()) {
                watched.clear();
                metrics.clear();
            }
            return;
        }
        Instant now = Instant.now();
        Map<String, Map<String, Integer>> open = reads.openTickets();
        List<PresenceReads.ScreenRow> screens = reads.screens(now.minus(config.lookBack()), null);
        List<PresenceReads.ActiveAlarm> up = reads.alarms(null);
        Set<String> locations = new LinkedHashSet<>(open.keySet());
        screens.forEach(s -> locations.add(s.locationId()));
        up.forEach(a -> locations.add(a.locationId()));
        watched.forEach((id, w) -> {
            if (!w.touches.isEmpty()) {
                locations.add(id);
            }
        });
        watched.keySet().retainAll(locations);
        metrics.retain(locations);
        if (locations.isEmpty()) {
            return;
        }
        Map<String, PresenceReads.LocationSettings> settings = reads.settings(locations);
        Map<String, Long> heads = logReader.heads(locations);
        // grouped once: filtering every screen per location is quadratic at a thousand locations and 10,000 screens
        Map<String, List<PresenceReads.ScreenRow>> screensAt =
                screens.stream().collect(Collectors.groupingBy(PresenceReads.ScreenRow::locationId));
        Map<String, List<PresenceReads.ActiveAlarm>> alarmsAt =
                up.stream().collect(Collectors.groupingBy(PresenceReads.ActiveAlarm::locationId));
        for (String locationId : locations) {
            PresenceReads.LocationSettings location = settings.get(locationId);
            if (location == null || !heads.containsKey(locationId)) {
                watched.remove(locationId);
                continue;
            }
            try {
                Watched w = watched.computeIfAbsent(locationId, id -> start(id, now));
                read(locationId, w, heads.get(locationId));
                evaluate(
                        location,
                        w,
                        open.getOrDefault(locationId, Map.of()),
                        screensAt.getOrDefault(locationId, List.of()),
                        alarmsAt.getOrDefault(locationId, List.of()),
                        now);
                failing.remove(locationId);
            } catch (RuntimeException e) {
                // one location's unreadable entry (a corrupt row, a type from a newer release) must not leave every
                // other kitchen without its alarm; this one is tried again next round, and logged once
                if (failing.add(locationId)) {
                    LOG.warnf(e, "Alarm evaluation failed for %s; the other locations go on", locationId);
                }
            }
        }
        if (Duration.between(lastSweep, now).compareTo(Duration.ofMinutes(10)) > 0) {
            reads.sweep(now.minus(config.keepClosed()), now.minus(Duration.ofMinutes(1)));
            lastSweep = now;
        }
    }

    private Watched start(String locationId, Instant now) {
        Watched w = new Watched();
        w.cursor = logReader.startOf(locationId, now.minus(config.lookBack()));
        return w;
    }

    private void read(String locationId, Watched w, long head) {
        while (w.cursor < head) {
            EventLog.Page page = log.read(locationId, w.cursor, BATCH, BATCH_BYTES);
            if (!page.complete()) {
                // retention removed what we had not read: those changes are older than any threshold anyway
                w.cursor = page.head().lastSeq();
                w.orders.clear();
                return;
            }
            if (page.events().isEmpty()) {
                return;
            }
            for (StoredEvent event : page.events()) {
                take(locationId, w, event);
                w.cursor = event.seq();
            }
        }
    }

    private void take(String locationId, Watched w, StoredEvent event) {
        if (event.type() == EventType.TICKET_PRINTED) {
            Printing.PrintRecord record = decode(event.state(), Printing.PrintRecord.class);
            w.printed.add(record.station() + ":" + record.seq());
            return;
        }
        if (!event.type().changesOrder()) {
            return;
        }
        OrderView after = decode(event.state(), OrderView.class);
        OrderView before = w.orders.get(event.orderId());
        if (before == null && event.type() != EventType.ORDER_PLACED) {
            before = reads.stateBefore(locationId, event.orderId(), event.seq())
                    .map(s -> decode(s, OrderView.class))
                    .orElse(null);
        }
        if (TOUCHING.contains(event.type())) {
            Set<String> stations = new LinkedHashSet<>();
            if (before != null) {
                before.items().forEach(i -> stations.add(i.station()));
            }
            after.items().forEach(i -> stations.add(i.station()));
            for (String station : stations) {
                FeedView view = new FeedView(ViewKind.STATION, station);
                if (!FeedProjection.project(view, before).equals(FeedProjection.project(view, after))) {
                    w.touches.add(new Touch(event.seq(), station, event.type(), event.occurredAt(), before, after));
                }
            }
        }
        if (after.status().isOpen()) {
            w.orders.put(event.orderId(), after);
        } else {
            w.orders.remove(event.orderId());
        }
    }

    private void evaluate(
            PresenceReads.LocationSettings location,
            Watched w,
            Map<String, Integer> open,
            List<PresenceReads.ScreenRow> screens,
            List<PresenceReads.ActiveAlarm> up,
            Instant now) {
        ScreenJudge judge = ScreenJudge.of(location, config, feedConfig.pingInterval(), now);
        Duration unseenAfter = judge.unseenAfter();
        Instant expired = now.minus(config.lookBack());
        w.touches.removeIf(t -> t.at().isBefore(expired));
        Set<String> stations = new LinkedHashSet<>();
        location.stations().values().stream()
                .filter(PresenceReads.StationSettings::prep)
                .forEach(s -> stations.add(s.id()));
        stations.addAll(open.keySet());
        for (String station : stations) {
            String tag = new FeedView(ViewKind.STATION, station).tag();
            List<PresenceReads.ScreenRow> own =
                    screens.stream().filter(s -> tag.equals(s.view())).toList();
            long acked = own.stream()
                    .mapToLong(PresenceReads.ScreenRow::ackSeq)
                    .max()
                    .orElse(-1);
            PresenceReads.StationSettings settings = location.stations().get(station);
            boolean alwaysPrint = settings != null && settings.printer() != null && settings.alwaysPrint();
            // an "always print" station keeps a seen change until it is printed too
            w.touches.removeIf(t -> t.station().equals(station)
                    && t.seq() <= acked
                    && !(alwaysPrint && !w.printed.contains(station + ":" + t.seq())));
            long live = own.stream().filter(judge::live).count();
            List<UUID> frozen = own.stream()
                    .filter(judge::frozen)
                    .map(PresenceReads.ScreenRow::id)
                    .toList();
            // a screen that just reconnects (a Wi-Fi blip, a rolling deploy) is not a blind station yet
            if (open.getOrDefault(station, 0) == 0 || live > 0) {
                w.blindSince.remove(station);
            } else {
                w.blindSince.putIfAbsent(station, now);
            }
            boolean blind = w.blindSince.containsKey(station)
                    && !w.blindSince.get(station).isAfter(now.minus(unseenAfter));
            List<Touch> unacked = w.touches.stream()
                    .filter(t -> t.station().equals(station) && t.seq() > acked)
                    .toList();
            List<Touch> unseen = unacked.stream()
                    .filter(t -> t.at().isBefore(now.minus(unseenAfter)))
                    .toList();
            List<AlarmDetail.Reason> reasons = new ArrayList<>();
            if (blind) {
                reasons.add(AlarmDetail.Reason.NO_SCREEN);
            }
            if (!unseen.isEmpty()) {
                reasons.add(AlarmDetail.Reason.UNSEEN);
            }
            if (!frozen.isEmpty()) {
                reasons.add(AlarmDetail.Reason.FROZEN);
            }
            String name = settings == null ? station : settings.name();
            List<AlarmDetail.Ticket> tickets = unseen.stream()
                    .map(t -> new AlarmDetail.Ticket(t.after().id(), t.after().number(), t.seq(), t.at()))
                    .toList();
            metrics.station(location.id(), station, (int) live, (int)
                    unseen.stream().map(t -> t.after().id()).distinct().count());
            PresenceReads.ActiveAlarm current = up.stream()
                    .filter(a -> a.station().equals(station) && a.kind() == AlarmService.Kind.STATION)
                    .findFirst()
                    .orElse(null);
            boolean alarmed = switchAlarm(location.id(), station, name, reasons, tickets, frozen, current, now);
            boolean printerAlarm =
                    up.stream().anyMatch(a -> a.station().equals(station) && a.kind() == AlarmService.Kind.PRINTER);
            if (settings != null && settings.printer() != null && (alarmed || alwaysPrint || printerAlarm)) {
                // while the alarm is up every change its screens have not acknowledged prints, not only overdue ones
                List<Touch> toPrint = (alwaysPrint
                                ? w.touches.stream().filter(t -> t.station().equals(station))
                                : unacked.stream())
                        .filter(t -> !w.printed.contains(station + ":" + t.seq()))
                        .toList();
                printing.print(location.id(), settings, alarmed || alwaysPrint ? toPrint : List.of(), printerAlarm);
            }
        }
    }

    /** @return whether the station's alarm is up after this round */
    private boolean switchAlarm(
            String locationId,
            String station,
            String name,
            List<AlarmDetail.Reason> reasons,
            List<AlarmDetail.Ticket> tickets,
            List<UUID> frozen,
            PresenceReads.ActiveAlarm current,
            Instant now) {
        if (reasons.isEmpty()) {
            metrics.alarm(locationId, station, false);
            if (current != null
                    && alarms.clear(
                            locationId,
                            station,
                            AlarmService.Kind.STATION,
                            new AlarmDetail(
                                    station, name, List.of(), List.of(), null, null, null, current.raisedAt()))) {
                LOG.infof("Alarm cleared: %s/%s", locationId, station);
            }
            return false;
        }
        metrics.alarm(locationId, station, true);
        if (current == null) {
            AlarmDetail detail = new AlarmDetail(
                    station, name, reasons, tickets, frozen.isEmpty() ? null : frozen, null, null, since(tickets, now));
            if (alarms.raise(locationId, AlarmService.Kind.STATION, detail)) {
                metrics.raised(locationId, station, AlarmService.Kind.STATION);
                LOG.warnf("Alarm raised: %s/%s %s", locationId, station, reasons);
            }
            return true;
        }
        AlarmDetail known = decode(current.detail(), AlarmDetail.class);
        if (!Objects.equals(known.reasons(), reasons) || !Objects.equals(known.tickets(), tickets)) {
            alarms.update(
                    locationId,
                    AlarmService.Kind.STATION,
                    new AlarmDetail(
                            station,
                            name,
                            reasons,
                            tickets,
                            frozen.isEmpty() ? null : frozen,
                            null,
                            null,
                            known.since()));
        }
        return true;
    }

    private static Instant since(List<AlarmDetail.Ticket> tickets, Instant now) {
        return tickets.stream()
                .map(AlarmDetail.Ticket::changedAt)
                .min(Comparator.naturalOrder())
                .orElse(now);
    }

    private <T> T decode(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable log entry", e);
        }
    }
}
