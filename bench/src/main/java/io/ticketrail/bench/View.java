package io.ticketrail.bench;

/**
 * The views a benchmark location has screens on, and what each of them shows of an order's life. Every order
 * the generator places has one item at each of grill, fry and bar and goes through exactly five versions:
 * 0 placed, 1 grill bumped, 2 fry bumped, 3 bar bumped (the order becomes READY by itself), 4 completed.
 * A view gets a change for every version up to {@link #lastChange} (the last one removes the order from it) and
 * none after: a station stops showing an order once its own items are done; expo, foh and manager once it is
 * completed (expo keeps ready orders for its recently-ready strip).
 */
enum View {
    GRILL("view=station&station=grill", 1),
    FRY("view=station&station=fry", 2),
    BAR("view=station&station=bar", 3),
    EXPO("view=expo", 4),
    FOH("view=foh", 4),
    MANAGER("view=manager", 4);

    /** How a location's screens are spread over the views: 10 screens are 2 per station, 2 expo, 1 foh, 1 manager. */
    private static final View[] SPREAD = {GRILL, FRY, BAR, EXPO, FOH, MANAGER, GRILL, FRY, BAR, EXPO};

    final String query;
    final int lastChange;

    View(String query, int lastChange) {
        this.query = query;
        this.lastChange = lastChange;
    }

    static View forScreen(int indexInLocation) {
        return SPREAD[indexInLocation % SPREAD.length];
    }

    /** Whether an order at this version is on the screen. */
    boolean shows(int version) {
        return version < lastChange;
    }
}
