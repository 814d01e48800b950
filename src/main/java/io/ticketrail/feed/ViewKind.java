package io.ticketrail.feed;

import io.ticketrail.access.ScreenView;

/**
 * The feeds a location has: one per kitchen station, expo, front of house, manager. Each is a {@link ScreenView}'s
 * feed, named as that view; the pickup board has none of its own (it follows front of house).
 */
public enum ViewKind {
    STATION(ScreenView.STATION),
    EXPO(ScreenView.EXPO),
    FOH(ScreenView.FOH),
    MANAGER(ScreenView.MANAGER);

    private final ScreenView view;

    ViewKind(ScreenView view) {
        this.view = view;
    }

    public ScreenView view() {
        return view;
    }

    /** The feed a screen view follows. */
    public static ViewKind followedBy(ScreenView view) {
        ScreenView feed = view.feed();
        for (ViewKind kind : values()) {
            if (kind.view == feed) {
                return kind;
            }
        }
        throw new IllegalArgumentException(view + " follows no feed");
    }
}
