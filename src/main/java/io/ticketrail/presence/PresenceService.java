package io.ticketrail.presence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketrail.feed.FeedConfig;

/** What the access page, the manager screen and expo read: the location's screens and its open alarms. */
@Singleton
public class PresenceService {

    @Inject
    PresenceReads reads;

    @Inject
    PresenceConfig config;

    @Inject
    FeedConfig feedConfig;

    @Inject
    ObjectMapper json;

    /**
     * One feed connection: {@code owner} is the paired screen (or key, or session) it was opened with, {@code state}
     * live, stale (connected, not acknowledging in time) or offline, {@code lastSeen} its last acknowledgement,
     * connect or close.
     */
    public record ScreenState(
            UUID id,
            UUID owner,
            String view,
            String station,
            String transport,
            String state,
            Instant lastSeen,
            long ackSeq,
            String page,
            Instant connectedAt) {}

    /** A PREP station and how many live screens it has; the manager's overview lists those with none. */
    public record StationCover(String station, String name, int liveScreens) {}

    public List<ScreenState> screens(String locationId) {
        Instant now = Instant.now();
        Map<String, PresenceReads.LocationSettings> settings = reads.settings(List.of(locationId));
        ScreenJudge judge = ScreenJudge.of(settings.get(locationId), config, feedConfig.pingInterval(), now);
        return reads.screens(now.minus(config.keepClosed()), locationId).stream()
                .filter(row -> row.view() != null)
                .map(row -> new ScreenState(
                        row.id(),
                        row.owner(),
                        row.view(),
                        row.station(),
                        row.transport(),
                        judge.state(row).name().toLowerCase(),
                        lastSeen(row),
                        row.ackSeq(),
                        row.page(),
                        row.connectedAt()))
                .toList();
    }

    public List<StationCover> stations(String locationId) {
        Instant now = Instant.now();
        PresenceReads.LocationSettings location =
                reads.settings(List.of(locationId)).get(locationId);
        if (location == null) {
            return List.of();
        }
        ScreenJudge judge = ScreenJudge.of(location, config, feedConfig.pingInterval(), now);
        List<PresenceReads.ScreenRow> rows = reads.screens(now.minus(judge.noScreenAfter()), locationId);
        return location.stations().values().stream()
                .filter(PresenceReads.StationSettings::prep)
                .map(s -> new StationCover(s.id(), s.name(), (int) rows.stream()
                        .filter(r -> Objects.equals(r.station(), s.id()) && judge.live(r))
                        .count()))
                .toList();
    }

    public List<AlarmView> alarms(String locationId) {
        return reads.alarms(locationId).stream()
                .map(a -> new AlarmView(a.station(), a.kind().name(), a.raisedAt(), a.raisedSeq(), detail(a.detail())))
                .toList();
    }

    private static Instant lastSeen(PresenceReads.ScreenRow row) {
        return Stream.of(row.ackAt(), row.connectedAt(), row.closedAt())
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    private AlarmDetail detail(String text) {
        try {
            return json.readValue(text, AlarmDetail.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable alarm", e);
        }
    }
}
