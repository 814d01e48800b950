package io.ticketrail.feed;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.ticketrail.web.ProblemException;
import io.quarkus.websockets.next.HttpUpgradeCheck;

/**
 * Refuses a feed upgrade before the WebSocket exists: 404 for an unknown location or station, 400 for a bad view,
 * 503 while this instance shuts down (the screen retries and lands on another instance).
 */
@ApplicationScoped
public class FeedUpgradeCheck implements HttpUpgradeCheck {

    @Inject
    FeedAccess access;

    @Inject
    FeedDispatcher dispatcher;

    @Override
    public boolean appliesTo(String endpointId) {
        return FeedSocket.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (!dispatcher.isAccepting()) {
            return CheckResult.rejectUpgrade(503);
        }
        String locationId = context.pathParam("locationId");
        FeedView view;
        Optional<FeedView> known;
        try {
            view = FeedRequest.view(context.httpRequest().query());
            known = access.checkKnown(locationId, view);
        } catch (ProblemException e) {
            return CheckResult.rejectUpgrade(e.status());
        }
        if (known.isPresent()) {
            return permit(context);
        }
        // a location this instance has not seen yet (FeedAccess keeps the others in memory): ask the database
        Context eventLoop = Vertx.currentContext();
        Uni<CheckResult> checked = Uni.createFrom().item(() -> {
            try {
                access.check(locationId, view);
                return permitSync(context);
            } catch (ProblemException e) {
                return CheckResult.rejectUpgradeSync(e.status());
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        // The upgrade goes on on the thread that completes this Uni. Done on a worker thread, the 101 can be out and
        // the screen's hello read before websockets-next has set the socket's message handler: the hello is
        // dropped and the screen waits for a snapshot that never comes. Back on the event loop, the upgrade and the
        // handlers happen in one task.
        return eventLoop == null ? checked : checked.emitOn(task -> eventLoop.runOnContext(ignored -> task.run()));
    }

    private static Uni<CheckResult> permit(HttpUpgradeContext context) {
        return Uni.createFrom().item(permitSync(context));
    }

    private static CheckResult permitSync(HttpUpgradeContext context) {
        UpgradedRequests.remember(context.httpRequest(), context.userData());
        return CheckResult.permitUpgradeSync();
    }
}
