package io.ticketrail.feed;

import java.util.Optional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ticketrail.access.Caller;
import io.ticketrail.access.RateLimits;
import io.ticketrail.web.ProblemException;

/**
 * Who may open a feed, the same for a WebSocket upgrade and for SSE: 503 while this instance shuts down, 400 for a
 * bad view, 401 without a credential, 403 for a view or location the credential was not given, 404 for an unknown
 * location or kitchen station, 429 past the credential's feeds. Each refusal is a {@link ProblemException}: SSE
 * answers with it, the upgrade answers with its status (a refused upgrade has no body).
 */
@Singleton
class FeedAdmission {

    @Inject
    FeedDispatcher dispatcher;

    @Inject
    FeedAccess access;

    @Inject
    FeedSlots slots;

    @Inject
    RateLimits limits;

    /** @throws ProblemException 503 while this instance shuts down: the screen reconnects to another one */
    void requireAccepting() {
        if (!dispatcher.isAccepting()) {
            throw new ProblemException(
                    503,
                    "shutting-down",
                    "Shutting down",
                    "This instance is shutting down; reconnect to reach another");
        }
    }

    /**
     * True when the location's answer is in memory, so an upgrade can be admitted on the event loop (see
     * {@link FeedAccess}).
     */
    boolean knows(String locationId) {
        return access.isKnown(locationId);
    }

    /**
     * Admits a WebSocket upgrade. Its rate is taken here, after the location is known to exist: the upgrade passes
     * no HTTP filter.
     *
     * @param fromMemory answer from this instance's memory of the location where it has one (event loop)
     */
    Caller admitUpgrade(Optional<Caller> caller, String locationId, FeedView view, boolean fromMemory) {
        Caller who = caller.orElseThrow(() -> ProblemException.unauthorized("A feed needs a credential"));
        mayWatch(who, locationId, view);
        if (fromMemory) {
            access.checkKnown(locationId, view).orElseGet(() -> access.check(locationId, view));
        } else {
            access.check(locationId, view);
        }
        limits.take(who);
        takeSlot(who);
        return who;
    }

    /** Admits an SSE feed; AccessFilter has checked its credential and taken its rate, as for any request. */
    FeedView admitSse(Caller who, String locationId, FeedView view) {
        mayWatch(who, locationId, view);
        FeedView checked = access.check(locationId, view);
        takeSlot(who);
        return checked;
    }

    private static void mayWatch(Caller who, String locationId, FeedView view) {
        if (!who.mayWatch(locationId, view.tag())) {
            throw ProblemException.forbidden("This screen was not given the " + view.tag() + " view");
        }
    }

    /** Last, so a refused feed never holds a slot. */
    private void takeSlot(Caller who) {
        if (!slots.admit(who)) {
            throw new ProblemException(
                            429, "too-many-feeds", "Too many feeds", "This credential has as many feeds open as it may")
                    .header("Retry-After", "5");
        }
    }
}
