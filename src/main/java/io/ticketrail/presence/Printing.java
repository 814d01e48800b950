package io.ticketrail.presence;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.ticketrail.location.Location;
import io.ticketrail.log.EventLog;
import io.ticketrail.log.EventType;
import io.ticketrail.log.StreamLock;
import org.jboss.logging.Logger;

/**
 * The printer fallback. Each change prints at least once and is recorded once: a print and its TICKET_PRINTED
 * entry happen in one transaction that holds an advisory lock for the station's printer, and the entry is written
 * only after the printer took the bytes. An instance that dies between the two prints that change again after
 * restart (a duplicate slip beats a lost ticket); two instances never print one change twice, because the second
 * waits for the lock and then finds the entry. Runs on its own threads: a slow printer delays nothing else.
 */
@Singleton
public class Printing {

    private static final Logger LOG = Logger.getLogger(Printing.class);

    /** What a TICKET_PRINTED entry says: which station's printer printed which change. */
    public record PrintRecord(String station, long seq, String printer, EventType change) {}

    @Inject
    EntityManager em;

    @Inject
    EventLog log;

    @Inject
    AlarmService alarms;

    @Inject
    PresenceConfig config;

    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "presence-print");
        t.setDaemon(true);
        return t;
    });
    /** {@code location/station} with a print run going: one run per printer at a time. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** Prints these changes in the background, unless this printer is busy (the next round asks again). */
    void print(String locationId, PresenceReads.StationSettings station, List<Touch> changes, boolean alarmUp) {
        if (changes.isEmpty() && !alarmUp) {
            return;
        }
        String key = locationId + "/" + station.id();
        if (!running.add(key)) {
            return;
        }
        pool.execute(() -> {
            try {
                run(locationId, station, changes, alarmUp);
            } finally {
                running.remove(key);
            }
        });
    }

    private void run(String locationId, PresenceReads.StationSettings station, List<Touch> changes, boolean alarmUp) {
        try {
            if (changes.isEmpty()) {
                // nothing to print, but the printer alarm is up: it clears once the printer answers again
                send(station.printer(), new byte[0]);
            }
            for (Touch change : changes) {
                printOnce(locationId, station, change);
            }
            if (alarmUp) {
                alarms.clear(
                        locationId,
                        station.id(),
                        AlarmService.Kind.PRINTER,
                        new AlarmDetail(
                                station.id(),
                                station.name(),
                                List.of(),
                                null,
                                null,
                                station.printer(),
                                null,
                                Instant.now()));
            }
        } catch (IOException | RuntimeException e) {
            if (alarmUp) {
                // still down: the open printer alarm already says so; one WARN per outage, not one a second
                LOG.debugf("Printer %s of %s/%s still failing: %s", station.printer(), locationId, station.id(), e);
            } else {
                LOG.warnf(
                        "Printer %s of %s/%s failed: %s", station.printer(), locationId, station.id(), e.getMessage());
                alarms.raise(
                        locationId,
                        AlarmService.Kind.PRINTER,
                        new AlarmDetail(
                                station.id(),
                                station.name(),
                                List.of(AlarmDetail.Reason.PRINTER),
                                null,
                                null,
                                station.printer(),
                                String.valueOf(e.getMessage()),
                                Instant.now()));
            }
        }
    }

    private void printOnce(String locationId, PresenceReads.StationSettings station, Touch change) throws IOException {
        IOException[] failed = {null};
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("select pg_advisory_xact_lock(hashtext('ticketrail.print:' || ?1 || ':' || ?2))")
                    .setParameter(1, locationId)
                    .setParameter(2, station.id())
                    .getSingleResult();
            boolean printed = !em.createNativeQuery(
                            "select 1 from ticket_print where location_id = ?1 and station_id = ?2 and seq = ?3")
                    .setParameter(1, locationId)
                    .setParameter(2, station.id())
                    .setParameter(3, change.seq())
                    .getResultList()
                    .isEmpty();
            if (printed) {
                return;
            }
            Location location = Location.findById(locationId);
            ZoneId zone = location == null ? ZoneId.of("UTC") : location.zone();
            try {
                send(station.printer(), EscPos.ticket(EscPos.lines(change, station.name(), zone)));
            } catch (IOException e) {
                failed[0] = e;
                return;
            }
            StreamLock lock = log.lock(locationId);
            long seq = log.append(
                    lock,
                    EventType.TICKET_PRINTED,
                    change.after().id(),
                    change.after().version(),
                    new PrintRecord(station.id(), change.seq(), station.printer(), change.type()),
                    AlarmService.ACTOR,
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            em.createNativeQuery("insert into ticket_print (location_id, station_id, seq, printed_seq) "
                            + "values (?1, ?2, ?3, ?4)")
                    .setParameter(1, locationId)
                    .setParameter(2, station.id())
                    .setParameter(3, change.seq())
                    .setParameter(4, seq)
                    .executeUpdate();
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /**
     * Raw TCP, as port 9100 printers take it: connect, write the ticket, then ask the printer's real-time status
     * (DLE EOT 1) and wait for its answer, all within the printer timeout. A write alone would succeed into a
     * printer that hangs; its answer, after our bytes, is what says it is there and took them.
     */
    private void send(String printer, byte[] bytes) throws IOException {
        int colon = printer.lastIndexOf(':');
        int timeout = (int) config.printerTimeout().toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(printer.substring(0, colon), Integer.parseInt(printer.substring(colon + 1))),
                    timeout);
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.write(EscPos.STATUS_REQUEST);
            out.flush();
            int status = socket.getInputStream().read();
            if (status < 0) {
                throw new IOException("the printer closed the connection without its status");
            }
            if ((status & EscPos.STATUS_OFFLINE) != 0) {
                throw new IOException("the printer says it is offline (status " + status + ")");
            }
        }
    }
}
