package io.ticketrail.presence;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.ticketrail.feed.FeedConfig;
import io.ticketrail.feed.FeedProjection;
import io.ticketrail.feed.FeedView;
import io.ticketrail.feed.ViewKind;
import io.ticketrail.log.EventLog;
import io.ticketrail.log.EventType;
import io.ticketrail.log.LogReader;
import io.ticketrail.log.StoredEvent;
import io.ticketrail.order.OrderStatus;
import io.ticketrail.order.OrderView;
import org.jboss.logging.Logger;

/**
 * The missed-ticket alarm. On the leader only, every {@code evaluateEvery}: read what every location's log did
 * since last time, find the changes that touched a station, drop those a screen of that station acknowledged, and
 * decide per station whether it is blind (docs/protocol.md, "The missed-ticket alarm"). Everything it keeps in
 * memory it can rebuild from the log and the presence rows, so a new leader just starts over.
 */
@Singleton
public class StationWatch {

    private static final Logger LOG = Logger.getLogger(StationWatch.class);
    /** Events read per location per round; a location further behind catches up over the next rounds. */
    private static final int BATCH = 500;
    /** Bytes of order state per location per round: a page stops early rather than hold a hostile location's orders. */
    private static final long BATCH_BYTES = 8L << 20;
    /** Bytes of order state per round for all locations together: one read holds them all in memory at once. */
    private static final long ROUND_BYTES = 32L << 20;
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
    LogReader logReader;

    @Inject
    ObjectMapper json;

    @Inject
    Printing printing;

    /** Per location: where its log was read up to, its open orders, its unacknowledged touches. */
    private static final class Watched {
        long cursor;
        final Map<UUID, State> orders = new HashMap<>();
        final List<Touch> touches = new ArrayList<>();
        /** {@code station:seq} of the changes already printed, from TICKET_PRINTED entries. */
        final Set<String> printed = new HashSet<>();
        /** Per station, since when it has had open tickets and no live screen (seen by this leader). */
        final Map<String, Instant> blindSince = new HashMap<>();
    }

    /** An order's state from the log, decoded only when a change touching a station needs it. */
    private static final class State {
        private String text;
        private OrderView view;

        State(String text) {
            this.text = text;
        }
    }

    private final Map<String, Watched> watched = new HashMap<>();
    /** Locations whose last evaluation failed, so a lasting failure is logged once, not every second. */
    private final Set<String> failing = new HashSet<>();

    private Instant lastSweep = Instant.EPOCH;
    /** Moves the round's first location along, so the round's byte bound does not always leave out the same ones. */
    private int rounds;

    private volatile boolean stopping;

    @Scheduled(
            every = "${ticketrail.presence.evaluate-every}",
            delayed = "${ticketrail.presence.evaluate-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tickQuietly() {
        if (stopping) {
            return;
        }
        try {
            tick();
        } catch (RuntimeException e) {
            if (stopping) {
                // the datasource closed under a round that began before shutdown: another instance leads next
                LOG.debugf(e, "Alarm evaluation stopped by shutdown");
                return;
            }
            LOG.warnf(e, "Alarm evaluation failed; trying again in %s", config.evaluateEvery());
        }
    }

    /** No round once shutdown has begun: its queries would find the datasource closing, and warn on every deploy. */
    void stop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        stopping = true;
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
        metrics.round();
        Map<String, PresenceReads.LocationSettings> settings = reads.settings(locations);
        Map<String, Long> heads = logReader.heads(locations);
        locations.removeIf(id -> !settings.containsKey(id) || !heads.containsKey(id));
        watched.keySet().retainAll(locations);
        startWatching(locations, now);
        Map<String, LogReader.LocationPage> pages = readBehind(heads);
        Map<PresenceReads.Change, String> before = statesBefore(pages);
        // grouped once: filtering every screen per location is quadratic at a thousand locations and 10,000 screens
        Map<String, List<PresenceReads.ScreenRow>> screensAt =
                screens.stream().collect(Collectors.groupingBy(PresenceReads.ScreenRow::locationId));
        Map<String, List<PresenceReads.ActiveAlarm>> alarmsAt =
                up.stream().collect(Collectors.groupingBy(PresenceReads.ActiveAlarm::locationId));
        for (String locationId : locations) {
            Watched w = watched.get(locationId);
            if (w == null) {
                continue;
            }
            try {
                LogReader.LocationPage page = pages.get(locationId);
                if (page != null) {
                    take(locationId, w, page, before);
                }
                evaluate(
                        settings.get(locationId),
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

    /** Locations seen for the first time start a look-back before now, all in one read. */
    private void startWatching(Set<String> locations, Instant now) {
        List<String> fresh =
                locations.stream().filter(id -> !watched.containsKey(id)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        metrics.logRead();
        logReader.startsOf(fresh, now.minus(config.lookBack())).forEach((id, start) -> {
            Watched w = new Watched();
            w.cursor = start;
            watched.put(id, w);
        });
    }

    /** What every location behind its head logged since last round, in one read. */
    private Map<String, LogReader.LocationPage> readBehind(Map<String, Long> heads) {
        List<String> behind = watched.entrySet().stream()
                .filter(e -> e.getValue().cursor < heads.get(e.getKey()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(ArrayList::new));
        if (behind.isEmpty()) {
            return Map.of();
        }
        Collections.rotate(behind, rounds++ % behind.size());
        Map<String, Long> cursors = new LinkedHashMap<>();
        behind.forEach(id -> cursors.put(id, watched.get(id).cursor));
        metrics.logRead();
        return logReader.pages(cursors, BATCH, BATCH_BYTES, ROUND_BYTES);
    }

    /**
     * The states before this round's touching changes of orders the watch has not seen yet (a new leader, an order
     * older than the look-back), all in one read. The other changes' states before are in memory already.
     */
    private Map<PresenceReads.Change, String> statesBefore(Map<String, LogReader.LocationPage> pages) {
        List<PresenceReads.Change> unknown = new ArrayList<>();
        pages.forEach((locationId, page) -> {
            if (page.unreadable() != null || !page.page().complete()) {
                return;
            }
            Map<UUID, State> known = watched.get(locationId).orders;
            Set<UUID> earlier = new HashSet<>();
            for (StoredEvent event : page.page().events()) {
                if (!event.type().changesOrder()) {
                    continue;
                }
                if (needsBefore(event.type())
                        && !known.containsKey(event.orderId())
                        && !earlier.contains(event.orderId())) {
                    unknown.add(new PresenceReads.Change(locationId, event.orderId(), event.seq()));
                }
                earlier.add(event.orderId());
            }
        });
        if (unknown.isEmpty()) {
            return Map.of();
        }
        metrics.logRead();
        return reads.statesBefore(unknown);
    }

    private static boolean needsBefore(EventType type) {
        return TOUCHING.contains(type) && type != EventType.ORDER_PLACED;
    }

    private void take(
            String locationId, Watched w, LogReader.LocationPage read, Map<PresenceReads.Change, String> fetched) {
        EventLog.Page page = read.orThrow();
        if (!page.complete()) {
            // retention removed what we had not read: those changes are older than any threshold anyway
            w.cursor = page.head().lastSeq();
            w.orders.clear();
            return;
        }
        // this page's states by order, closed ones too: the state before a later change in the same page
        Map<UUID, State> inPage = new HashMap<>();
        for (StoredEvent event : page.events()) {
            take(locationId, w, event, inPage, fetched);
            w.cursor = event.seq();
        }
    }

    private void take(
            String locationId,
            Watched w,
            StoredEvent event,
            Map<UUID, State> inPage,
            Map<PresenceReads.Change, String> fetched) {
        if (event.type() == EventType.TICKET_PRINTED) {
            Printing.PrintRecord record = decode(event.state(), Printing.PrintRecord.class);
            w.printed.add(record.station() + ":" + record.seq());
            return;
        }
        if (!event.type().changesOrder()) {
            return;
        }
        State after = new State(event.state());
        if (TOUCHING.contains(event.type())) {
            State before =
                    inPage.containsKey(event.orderId()) ? inPage.get(event.orderId()) : w.orders.get(event.orderId());
            if (before == null && needsBefore(event.type())) {
                String text = fetched.get(new PresenceReads.Change(locationId, event.orderId(), event.seq()));
                before = text == null ? null : new State(text);
            }
            touch(w, event, before == null ? null : view(before), view(after));
        }
        inPage.put(event.orderId(), after);
        if (open(after)) {
            w.orders.put(event.orderId(), after);
        } else {
            w.orders.remove(event.orderId());
        }
    }

    /** Records the change for each station whose screens it changed. */
    private static void touch(Watched w, StoredEvent event, OrderView before, OrderView after) {
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

    private OrderView view(State state) {
        if (state.view == null) {
            state.view = decode(state.text, OrderView.class);
            state.text = null;
        }
        return state.view;
    }

    /** Whether the order is still open, from its status alone: the items (most of a state) are not parsed. */
    private boolean open(State state) {
        if (state.view != null) {
            return state.view.status().isOpen();
        }
        try (JsonParser parser = json.getFactory().createParser(state.text)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if ("status".equals(field)) {
                        return OrderStatus.valueOf(parser.getText()).isOpen();
                    }
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable log entry", e);
        }
        throw new IllegalStateException("Log entry without an order status");
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
