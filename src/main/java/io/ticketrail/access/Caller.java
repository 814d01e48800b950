package io.ticketrail.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who is asking, as the credential says: a POS key, a paired screen or a signed-in manager. Immutable, so a
 * verified credential can be cached for a few seconds.
 *
 * @param id the key's, device's or session's id: what revocation names
 * @param locations the locations it acts at; empty for a manager of every location
 * @param views a screen's views: {@code station:grill}, {@code expo}, {@code foh}, {@code board}, {@code manager}
 * @param csrfToken what a page must send back with a cookie-borne credential (null for a POS key)
 */
public record Caller(
        Kind kind,
        UUID id,
        String name,
        Optional<Set<String>> locations,
        Set<String> views,
        Set<Action> actions,
        String csrfToken,
        Instant expiresAt) {

    public enum Kind {
        KEY,
        DEVICE,
        MANAGER
    }

    /** What the event log records: {@code key:<id>}, {@code device:<id>}, {@code manager:<username>}. */
    public String actor() {
        return switch (kind) {
            case KEY -> "key:" + id;
            case DEVICE -> "device:" + id;
            case MANAGER -> "manager:" + name;
        };
    }

    public boolean atLocation(String locationId) {
        return locations.map(l -> l.contains(locationId)).orElse(true);
    }

    public boolean may(String locationId, Action action) {
        return atLocation(locationId) && actions.contains(action);
    }

    /** A feed view (FeedView.tag()): a screen's own views' feeds (the pickup board follows front of house's). */
    public boolean mayWatch(String locationId, String view) {
        if (!atLocation(locationId)) {
            return false;
        }
        return kind == Kind.MANAGER
                || views.stream().anyMatch(v -> ScreenView.feedOf(v).equals(view));
    }

    /** A screen page: a manager opens any; a screen only the pages it was given (the board is not front of house). */
    public boolean mayOpenPage(String locationId, String page) {
        return atLocation(locationId) && (kind == Kind.MANAGER || views.contains(page));
    }

    /**
     * The stations whose items this caller may start, bump and recall; empty when any station's. A station screen
     * cooks at its own stations only; a manager, or a screen with the expo or manager view, anywhere.
     */
    public Optional<Set<String>> stationScope() {
        if (kind != Kind.DEVICE || has(ScreenView.MANAGER) || has(ScreenView.EXPO)) {
            return Optional.empty(); // expo oversees every station: it sends an item back to whichever made it
        }
        return Optional.of(views.stream()
                .map(ScreenView::stationOf)
                .filter(Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * The views whose notices this caller acknowledges; empty when any view's. A screen acknowledges what it
     * shows (its station views, expo); a manager, or a screen with the manager view, any view's.
     */
    public Optional<Set<String>> screenViews() {
        if (kind != Kind.DEVICE || has(ScreenView.MANAGER)) {
            return Optional.empty();
        }
        return Optional.of(views);
    }

    /** May recall a whole ready order: anyone but a screen that is only a kitchen station's. */
    public boolean mayWholeOrder() {
        return kind != Kind.DEVICE || has(ScreenView.EXPO) || has(ScreenView.MANAGER);
    }

    private boolean has(ScreenView view) {
        return views.contains(view.named(null));
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    static Set<Action> managerActions() {
        return EnumSet.allOf(Action.class);
    }
}
