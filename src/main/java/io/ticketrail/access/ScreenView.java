package io.ticketrail.access;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The views a screen can be given, the one list of them: each view's name ({@code station:grill} for a kitchen
 * station, else {@code expo}...), its label, the actions a manager is offered for it, its page (path segment and
 * template) and the feed it follows. Pairing, the access checks, the pages and the feed all read it, and ui/ gets
 * it with the page config ({@link #config()}).
 */
public enum ScreenView {
    STATION("station", "Kitchen", ScreenView.KITCHEN_PAGE, true, List.of("start", "bump", "recall")),
    // expo paces the courses and sends an item back to whichever station made it
    EXPO("expo", "Expo", "expo", false, List.of("ready", "recall", "fire-course")),
    FOH("foh", "Front of house", "foh", false, List.of("complete", "fire-course")),
    BOARD("board", "Pickup board", "board", false, List.of()),
    MANAGER(
            "manager",
            "Manager",
            "manager",
            false,
            List.of("start", "bump", "recall", "ready", "complete", "fire-course"));

    /** A kitchen station's page: {@code /l/<location>/kitchen/<station>}. */
    public static final String KITCHEN_PAGE = "kitchen";

    /**
     * The pages that are one per location, as a JAX-RS path pattern (an annotation needs a constant);
     * ScreenViewTest holds it to this enum.
     */
    public static final String SINGLE_PAGES = "expo|foh|board|manager";

    private static final String STATION_PREFIX = "station:";

    private final String wireName;
    private final String label;
    private final String page;
    private final boolean perStation;
    private final List<String> defaultActions;

    ScreenView(String wireName, String label, String page, boolean perStation, List<String> defaultActions) {
        this.wireName = wireName;
        this.label = label;
        this.page = page;
        this.perStation = perStation;
        this.defaultActions = defaultActions;
    }

    /** {@code station}, {@code expo}...: a view's name without its station. */
    public String wireName() {
        return wireName;
    }

    /** What a person reads; a kitchen station's page is headed by the station's name instead. */
    public String label() {
        return label;
    }

    /** The page's path segment after the location, and its template's name. */
    public String page() {
        return page;
    }

    /** One per kitchen station, named {@code station:<id>}; the others are one per location. */
    public boolean perStation() {
        return perStation;
    }

    /** What such a screen usually does: what the access page ticks when a manager chooses this view. */
    public List<String> defaultActions() {
        return defaultActions;
    }

    /** The view whose feed this page follows: the pickup board shows front of house's orders. */
    public ScreenView feed() {
        return this == BOARD ? FOH : this;
    }

    /** The name a screen is given: {@code station:grill} for a kitchen station, else {@link #wireName()}. */
    public String named(String station) {
        return perStation ? STATION_PREFIX + station : wireName;
    }

    /** This view's page at a location: {@code /l/demo/kitchen/grill}, {@code /l/demo/expo}. */
    public String path(String locationId, String station) {
        return "/l/" + locationId + "/" + page + (perStation ? "/" + station : "");
    }

    /** The label of one such page: {@code Kitchen: Grill}, {@code Expo}. */
    public String label(String stationName) {
        return perStation ? label + ": " + stationName : label;
    }

    /** The view of a name a screen was given ({@code station:grill}, {@code expo}); empty for anything else. */
    public static Optional<ScreenView> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (name.startsWith(STATION_PREFIX)) {
            return name.length() > STATION_PREFIX.length() ? Optional.of(STATION) : Optional.empty();
        }
        return Arrays.stream(values())
                .filter(v -> !v.perStation && v.wireName.equals(name))
                .findFirst();
    }

    /** The station of a {@code station:<id>} name; null for any other. */
    public static String stationOf(String name) {
        return name != null && name.startsWith(STATION_PREFIX) ? name.substring(STATION_PREFIX.length()) : null;
    }

    /** The view a page segment shows ({@code expo}, {@code kitchen}); empty for anything else. */
    public static Optional<ScreenView> ofPage(String page) {
        return Arrays.stream(values()).filter(v -> v.page.equals(page)).findFirst();
    }

    /**
     * The name of the feed a page with this name follows: {@code foh} for {@code board}, the name itself for every
     * other view (and for anything that is no view's, which opens nothing).
     */
    public static String feedOf(String name) {
        return of(name).filter(v -> v.feed() != v)
                .map(v -> v.feed().named(stationOf(name)))
                .orElse(name);
    }

    /** What ui/ reads from a page's config to find its way between pages and views (ui/src/pairing.js). */
    public static List<Map<String, Object>> config() {
        return Arrays.stream(values())
                .map(v -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("name", v.wireName);
                    view.put("label", v.label);
                    view.put("page", v.page);
                    view.put("perStation", v.perStation);
                    view.put("feed", v.feed().wireName);
                    view.put("defaultActions", v.defaultActions);
                    return (Map<String, Object>) view;
                })
                .toList();
    }
}
