package io.ticketrail.feed;

import java.util.Locale;

import io.ticketrail.web.ProblemException;

/** Which screen a connection is: a view kind, and for a station view the station. */
public record FeedView(ViewKind kind, String station) {

    /** Parses the {@code view} and {@code station} query parameters of a feed request. */
    public static FeedView parse(String view, String station) {
        if (view == null || view.isBlank()) {
            throw ProblemException.invalid("view", "must be station, expo, foh or manager");
        }
        ViewKind kind;
        try {
            kind = ViewKind.valueOf(view.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("view", "must be station, expo, foh or manager");
        }
        if (kind == ViewKind.STATION) {
            if (station == null || station.isBlank()) {
                throw ProblemException.invalid("station", "is required for view=station");
            }
            return new FeedView(kind, station.trim());
        }
        return new FeedView(kind, null);
    }

    public String tag() {
        return kind == ViewKind.STATION ? "station:" + station : kind.name().toLowerCase(Locale.ROOT);
    }
}
