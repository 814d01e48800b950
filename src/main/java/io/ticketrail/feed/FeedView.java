package io.ticketrail.feed;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.ticketrail.access.ScreenView;
import io.ticketrail.web.ProblemException;

/** Which screen a connection is: a view kind, and for a station view the station. */
public record FeedView(ViewKind kind, String station) {

    /** "station, expo, foh or manager" */
    private static final String NAMES = names();

    /** Parses the {@code view} and {@code station} query parameters of a feed request. */
    public static FeedView parse(String view, String station) {
        String name = view == null ? "" : view.trim();
        Optional<ViewKind> found = Arrays.stream(ViewKind.values())
                .filter(k -> k.view().wireName().equalsIgnoreCase(name))
                .findFirst();
        if (found.isEmpty()) {
            throw ProblemException.invalid("view", "must be " + NAMES);
        }
        ViewKind kind = found.get();
        if (kind.view().perStation()) {
            if (station == null || station.isBlank()) {
                throw ProblemException.invalid("station", "is required for view=station");
            }
            return new FeedView(kind, station.trim());
        }
        return new FeedView(kind, null);
    }

    /** The feed a screen page follows: the pickup board's is front of house's. */
    public static FeedView followedBy(ScreenView view, String station) {
        ViewKind kind = ViewKind.followedBy(view);
        return new FeedView(kind, kind.view().perStation() ? station : null);
    }

    private static String names() {
        List<String> names =
                Arrays.stream(ViewKind.values()).map(k -> k.view().wireName()).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The view's name, as a screen is given it: {@code station:grill}, {@code expo}. */
    public String tag() {
        return kind.view().named(station);
    }
}
