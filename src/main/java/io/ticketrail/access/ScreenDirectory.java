package io.ticketrail.access;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ticketrail.web.ProblemException;
import io.ticketrail.web.ProblemPage;

/**
 * The screen pages a location has, and what to say when a page is asked for that does not exist or that a caller
 * was not given: the words a person at the screen reads (ProblemPage), with links to the pages that do exist.
 */
@Singleton
public class ScreenDirectory {

    @Inject
    LocationDirectory locations;

    /** A screen page: the view it needs ({@code station:grill}, {@code expo}...), its path and its name. */
    public record ScreenPage(String view, String href, String label) {}

    /** The location and view of a screen page's path ({@code /l/demo/kitchen/grill}); empty for anything else. */
    public record Wanted(String locationId, String view) {}

    /** Every screen page of a location, in the order a kitchen reads them. */
    public static List<ScreenPage> pages(KnownLocation location) {
        List<ScreenPage> pages = new ArrayList<>();
        for (ScreenView view : ScreenView.values()) {
            if (view.perStation()) {
                location.kitchenStations()
                        .forEach(s -> pages.add(new ScreenPage(
                                view.named(s.id()), view.path(location.id(), s.id()), view.label(s.name()))));
            } else {
                pages.add(new ScreenPage(view.named(null), view.path(location.id(), null), view.label()));
            }
        }
        return pages;
    }

    public static Optional<Wanted> wanted(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String[] parts = path.split("[?#]", 2)[0].split("/");
        // "", "l", location, page[, station]
        if (parts.length < 4 || !parts[0].isEmpty() || !parts[1].equals("l")) {
            return Optional.empty();
        }
        String locationId = decode(parts[2]);
        return ScreenView.ofPage(parts[3])
                .filter(view -> parts.length == (view.perStation() ? 5 : 4))
                .map(view -> new Wanted(locationId, view.named(view.perStation() ? decode(parts[4]) : null)));
    }

    /**
     * 404 naming what exists, when the location or the kitchen station of {@code view} does not: "There is no
     * station 'Grill' at Demo. Stations: grill, fry."
     */
    public Optional<ProblemException> missing(String locationId, String view) {
        Optional<KnownLocation> found = locations.known(locationId);
        if (found.isEmpty()) {
            return Optional.of(ProblemException.notFound("There is no location '" + locationId
                    + "'. Check the address, or choose a screen on the home page."));
        }
        KnownLocation location = found.get();
        List<ScreenPage> pages = pages(location);
        if (pages.stream().anyMatch(p -> p.view().equals(view))) {
            return Optional.empty();
        }
        String stations = String.join(", ", location.kitchenStationIds());
        String station = ScreenView.stationOf(view);
        String asked = station != null ? station : view;
        return Optional.of(ProblemException.notFound(
                        "There is no station '" + asked + "' at " + location.name() + ". Stations: " + stations + ".")
                .with("stations", location.kitchenStationIds())
                .with(ProblemPage.LINKS, links(pages)));
    }

    /**
     * 403 for a page this caller was not given, saying what it may open instead and how to get this one: a
     * screen is paired again (a manager approves the new code), a manager needs the location.
     */
    public ProblemException notGiven(Caller who, String locationId, String page) {
        List<ProblemPage.Link> links = new ArrayList<>();
        String detail;
        Optional<KnownLocation> location = who.atLocation(locationId) ? locations.known(locationId) : Optional.empty();
        if (who.kind() != Caller.Kind.DEVICE) {
            return ProblemException.forbidden("This account manages other locations, not " + locationId + ".");
        }
        if (location.isEmpty()) {
            detail = "This screen is paired for another location, not " + locationId + ".";
        } else {
            List<ScreenPage> own = pages(location.get()).stream()
                    .filter(p -> who.mayOpenPage(locationId, p.view()))
                    .toList();
            String label = pages(location.get()).stream()
                    .filter(p -> p.view().equals(page))
                    .map(ScreenPage::label)
                    .findFirst()
                    .orElse(page);
            detail = "This screen was not given the " + label + " view at "
                    + location.get().name() + ". It shows "
                    + (own.isEmpty()
                            ? "nothing"
                            : own.stream().map(ScreenPage::label).collect(Collectors.joining(", ")))
                    + ". To show " + label + " here, pair it again and have a manager approve it.";
            links.addAll(links(own));
        }
        String path = ScreenView.of(page)
                .map(v -> v.path(locationId, ScreenView.stationOf(page)))
                .orElse("/l/" + locationId + "/" + page);
        links.add(new ProblemPage.Link(
                "/pair?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8), "Pair this screen for this page"));
        return ProblemException.forbidden(detail).with(ProblemPage.LINKS, links);
    }

    private static List<ProblemPage.Link> links(List<ScreenPage> pages) {
        return pages.stream()
                .map(p -> new ProblemPage.Link(p.href(), p.label()))
                .toList();
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
