package io.ticketrail.screen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateData;
import io.ticketrail.access.Action;
import io.ticketrail.access.Caller;
import io.ticketrail.access.CurrentCaller;
import io.ticketrail.access.ScreenDirectory;
import io.ticketrail.access.ScreenView;
import io.ticketrail.feed.FeedMessage;
import io.ticketrail.feed.FeedSnapshots;
import io.ticketrail.feed.FeedView;
import io.ticketrail.location.LocationService;
import io.ticketrail.location.LocationView;
import io.ticketrail.web.ProblemException;

/** What a screen page embeds: its settings, and the view's snapshot its feed client resumes from. */
@Singleton
public class ScreenService {

    @Inject
    LocationService locations;

    @Inject
    FeedSnapshots snapshots;

    @Inject
    ScreenConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    CurrentCaller caller;

    @Inject
    ScreenDirectory directory;

    /**
     * A screen page of a location.
     *
     * @param station the kitchen station of a per-station view; ignored for the others
     * @throws ProblemException 404 for an unknown location or kitchen station, 403 when the caller was not given
     *     this page ({@code board} is a page of its own, though it follows front of house's feed)
     */
    public ScreenData screen(String locationId, ScreenView page, String station) {
        FeedView view = FeedView.followedBy(page, station);
        String pageName = page.named(station);
        Caller who = caller.require();
        if (who.atLocation(locationId)) {
            directory.missing(locationId, pageName).ifPresent(missing -> {
                throw missing;
            });
        }
        if (!who.mayOpenPage(locationId, pageName)) {
            throw directory.notGiven(who, locationId, pageName);
        }
        LocationView location =
                locations.find(locationId).orElseThrow(() -> ProblemException.notFound("No location " + locationId));
        String stationName = null;
        if (page.perStation()) {
            stationName = location.kitchenStation(view.station())
                    .map(LocationView.StationView::name)
                    .orElseThrow(() ->
                            ProblemException.notFound("No kitchen station " + view.station() + " at " + locationId));
        }
        FeedMessage.Snapshot snapshot = snapshots
                .snapshot(locationId, view)
                .orElseThrow(() -> ProblemException.notFound("No location " + locationId));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("locationId", location.id());
        settings.put("locationName", location.name());
        settings.put("timeZone", location.timeZone());
        settings.put("warnAfterSeconds", location.warnAfterSeconds());
        settings.put("lateAfterSeconds", location.lateAfterSeconds());
        settings.put("expoConfirmation", location.expoConfirmation());
        // expo's recently-ready strip keeps what can still be recalled
        settings.put("recallWindowSeconds", location.recallWindowSeconds());
        settings.put("stations", location.stations());
        settings.put(
                "view",
                view.kind().view().perStation()
                        ? Map.of("kind", view.kind().view().wireName(), "station", view.station())
                        : Map.of("kind", view.tag()));
        // every view's name, label and page, so that ui/ finds its way between pages and views (pairing.js)
        settings.put("views", ScreenView.config());
        settings.put("stationName", stationName);
        // the page's script sends it with every command (a cookie alone changes nothing) and shows only the
        // buttons this screen may use
        settings.put("csrfToken", who.csrfToken());
        settings.put(
                "actions", who.actions().stream().map(Action::wireName).sorted().toList());
        settings.put(
                "stationScope",
                who.stationScope().map(s -> s.stream().sorted().toList()).orElse(null));
        settings.put("ticketsPerPage", config.ticketsPerPage());
        ScreenConfig.Keys keys = config.keys();
        settings.put(
                "keys",
                Map.of(
                        "select",
                        keys.select(),
                        "bump",
                        keys.bump(),
                        "recall",
                        keys.recall(),
                        "ack",
                        keys.ack(),
                        "nextPage",
                        keys.nextPage(),
                        "previousPage",
                        keys.previousPage()));
        String heading = stationName != null ? stationName : page.label();
        return new ScreenData(
                heading + " · " + location.name(),
                heading,
                location.name(),
                location.id(),
                who.may(locationId, Action.MANAGE),
                script(settings),
                script(snapshot));
    }

    /**
     * The home page for this caller: a manager's locations with every screen, a paired screen's location with its
     * own views only; nothing without a credential.
     */
    public Home home() {
        Optional<Caller> who = caller.get();
        if (who.isEmpty()) {
            return new Home(null, null, null, List.of());
        }
        Caller c = who.get();
        List<HomeLocation> shown = locations.list().stream()
                .filter(l -> c.atLocation(l.id()))
                .map(l -> new HomeLocation(l.id(), l.name(), links(c, l), c.may(l.id(), Action.MANAGE)))
                .toList();
        String signOut = c.kind() == Caller.Kind.MANAGER ? c.csrfToken() : null;
        return new Home(c.kind().name().toLowerCase(Locale.ROOT), c.name(), signOut, shown);
    }

    /** The pages of a location this caller may open, in the order a kitchen reads them. */
    private static List<ScreenLink> links(Caller who, LocationView location) {
        return ScreenDirectory.pages(location.known()).stream()
                .filter(p -> who.mayOpenPage(location.id(), p.view()))
                .map(p -> new ScreenLink(p.view(), p.href(), p.label()))
                .toList();
    }

    /**
     * @param kind {@code manager}, {@code device} or {@code key}; null without a credential
     * @param signOutCsrf a manager's CSRF token for the sign-out form; null for anyone else
     */
    public record Home(String kind, String name, String signOutCsrf, List<HomeLocation> locations) {}

    /** @param manage the caller may pair screens and create keys here (a link to the access page) */
    public record HomeLocation(String id, String name, List<ScreenLink> screens, boolean manage) {}

    public record ScreenLink(String view, String href, String label) {}

    /**
     * JSON for a {@code <script type="application/json">} block: markup-significant characters are escaped as
     * JSON unicode escapes, so no value (an order note, a customer name) can close the script element.
     */
    RawString script(Object value) {
        try {
            String text = json.writeValueAsString(value)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
            return new RawString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not encode a screen's data", e);
        }
    }

    /** What every screen template gets (as {@code screen}; looked up by name, so its resolvers are generated). */
    @TemplateData
    public record ScreenData(
            String title,
            String heading,
            String locationName,
            String locationId,
            boolean mayManage,
            RawString settingsJson,
            RawString initialJson) {}
}
