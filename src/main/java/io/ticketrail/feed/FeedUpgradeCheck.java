package io.ticketrail.feed;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.ticketrail.access.AccessFilter;
import io.ticketrail.access.Caller;
import io.ticketrail.access.Credentials;
import io.ticketrail.access.Origins;
import io.ticketrail.access.Presented;
import io.ticketrail.access.RateLimits;
import io.ticketrail.web.DatabaseOutage;
import io.ticketrail.web.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Refuses a feed upgrade before the WebSocket exists, by {@link FeedAdmission}'s rules (the same as SSE's). What
 * is the upgrade's own: reading the credential (a screen's cookie or a Bearer token; 401 without), 403 for a cookie
 * sent from another origin, and the rate per address of credentials this instance has not verified lately.
 */
@Singleton
public class FeedUpgradeCheck implements HttpUpgradeCheck {

    /** The credential a feed was opened with; revoking it closes the feed. */
    static final UserData.TypedKey<UUID> OWNER = new UserData.TypedKey<>("feed-owner");

    @Inject
    FeedAdmission admission;

    @Inject
    Credentials credentials;

    @Inject
    RateLimits limits;

    @Inject
    Origins origins;

    @Override
    public boolean appliesTo(String endpointId) {
        return FeedSocket.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        try {
            admission.requireAccepting();
        } catch (ProblemException e) {
            return CheckResult.rejectUpgrade(e.status());
        }
        Presented presented = Presented.of(context.httpRequest());
        if (presented == null) {
            return CheckResult.rejectUpgrade(401);
        }
        if (presented.viaCookie() && !origins.allows(context.httpRequest())) {
            // another page of the same site would get the screen's cookie sent along (issue 12, finding 2)
            return CheckResult.rejectUpgrade(403);
        }
        String locationId = context.pathParam("locationId");
        FeedView view;
        try {
            view = FeedRequest.view(context.httpRequest().query());
        } catch (ProblemException e) {
            return CheckResult.rejectUpgrade(e.status());
        }
        Optional<Caller> caller = credentials.cached(presented);
        if (caller != null && admission.knows(locationId)) {
            return Uni.createFrom().item(decide(context, caller, locationId, view, true));
        }
        // a credential or location this instance has not seen lately: ask the database, within the address's rate
        if (caller == null) {
            try {
                limits.takeUnverified(AccessFilter.address(context.httpRequest()));
            } catch (ProblemException e) {
                return CheckResult.rejectUpgrade(e.status());
            }
        }
        Context eventLoop = Vertx.currentContext();
        Uni<CheckResult> checked = Uni.createFrom()
                .item(() -> decide(context, credentials.resolve(presented), locationId, view, false))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                // the database is away: a 503 the screen retries, not a 500 that looks like a bug (issue 17)
                .onFailure(DatabaseOutage::causedBy)
                .recoverWithItem(() -> CheckResult.rejectUpgradeSync(
                        503, Map.of("Retry-After", List.of(Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS)))));
        // The upgrade goes on on the thread that completes this Uni. Done on a worker thread, the 101 can be out and
        // the screen's hello read before websockets-next has set the socket's message handler: the hello is
        // dropped and the screen waits for a snapshot that never comes. Back on the event loop, the upgrade and the
        // handlers happen in one task. Still so on Quarkus 3.33.2 (deploy/README.md, "Workarounds"); remove this once
        // FeedUpgradeTest's hello-at-once test passes without it.
        return eventLoop == null ? checked : checked.emitOn(task -> eventLoop.runOnContext(ignored -> task.run()));
    }

    private CheckResult decide(
            HttpUpgradeContext context, Optional<Caller> caller, String locationId, FeedView view, boolean fromMemory) {
        Caller who;
        try {
            who = admission.admitUpgrade(caller, locationId, view, fromMemory);
        } catch (ProblemException e) {
            return CheckResult.rejectUpgradeSync(e.status());
        }
        context.userData().put(OWNER, who.id());
        UpgradedRequests.remember(context.httpRequest(), context.userData());
        UpgradeHeaders.keepHandshakeOnly(context.httpRequest().headers());
        return CheckResult.permitUpgradeSync();
    }
}
