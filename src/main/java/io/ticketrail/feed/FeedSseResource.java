package io.ticketrail.feed;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.access.Caller;
import io.ticketrail.access.CurrentCaller;
import io.ticketrail.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The feed for networks that block WebSocket upgrades: the same snapshot, diff and ping payloads as server-sent
 * events, each with {@code id: epoch:seq}, so the browser's automatic reconnect resumes through Last-Event-ID.
 */
@Tag(name = "Feed")
@Path("/api/v1/locations/{locationId}/feed")
public class FeedSseResource {

    @Inject
    FeedDispatcher dispatcher;

    @Inject
    FeedAdmission admission;

    @Inject
    CurrentCaller caller;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            operationId = "openFeed",
            summary = "Follow the live feed (Server-Sent Events)",
            description =
                    "The same messages as the WebSocket feed (docs/protocol.md), one per event with id `epoch:seq`; `Last-Event-ID` resumes.")
    @APIResponse(
            responseCode = "200",
            description = "A stream of feed messages.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @Allow(Action.READ_ORDERS)
    public void feed(
            @PathParam("locationId") String locationId,
            @QueryParam("view") String view,
            @QueryParam("station") String station,
            @QueryParam("screen") String screenId,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink events,
            @Context Sse sse) {
        admission.requireAccepting();
        Caller who = caller.require();
        FeedView checked = admission.admitSse(who, locationId, FeedView.parse(view, station));
        SseSink sink = new SseSink(events, sse, dispatcher);
        Screen screen = dispatcher.open(screenId(screenId), locationId, checked, sink, "sse", who.id());
        sink.screen = screen;
        // JAX-RS tells a stream's end only to a broadcaster it is registered with: one per stream, so that a closed
        // tab frees its screen, its connection slot and its presence now rather than at the next failed send
        SseBroadcaster ends = sse.newBroadcaster();
        ends.register(events);
        ends.onClose(closed -> sink.ended());
        dispatcher.join(screen, FeedRequest.lastEventId(lastEventId));
    }

    /**
     * The id the screen chose for this feed, so that its acknowledgements (POST .../feed/acks, any instance) name
     * it; a screen that chose none gets one nobody can acknowledge for. Acks are checked against the credential,
     * so a guessed id acknowledges nothing.
     */
    private static UUID screenId(String given) {
        try {
            return given == null ? UUID.randomUUID() : UUID.fromString(given);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("screen", "must be a UUID");
        }
    }

    /**
     * A gone client is noticed when its connection closes (the broadcaster above) or, failing that (a silent drop), at
     * the next failed send: pings make that happen.
     */
    private static final class SseSink implements ScreenSink {

        private final SseEventSink events;
        private final Sse sse;
        private final FeedDispatcher dispatcher;
        private final AtomicBoolean gone = new AtomicBoolean();
        volatile Screen screen;

        SseSink(SseEventSink events, Sse sse, FeedDispatcher dispatcher) {
            this.events = events;
            this.sse = sse;
            this.dispatcher = dispatcher;
        }

        @Override
        public void send(EncodedMessage message, UUID epoch, long seq, Runnable done) {
            if (events.isClosed()) {
                ended();
                done.run();
                return;
            }
            CompletionStage<?> sent;
            try {
                sent = events.send(sse.newEventBuilder()
                        .id(epoch + ":" + seq)
                        .data(message.text())
                        .build());
            } catch (IllegalStateException e) {
                // closed between the check and the send
                ended();
                done.run();
                return;
            }
            sent.whenComplete((ok, failure) -> {
                if (failure != null) {
                    ended();
                }
                done.run();
            });
        }

        @Override
        public CompletionStage<Void> close(int code, String reason, String error) {
            CompletionStage<?> said = error != null && !events.isClosed()
                    ? events.send(sse.newEventBuilder()
                            .data(dispatcher
                                    .encode(new FeedMessage.Error(code, error))
                                    .text())
                            .build())
                    : CompletableFuture.completedFuture(null);
            return said.handle((ok, failure) -> {
                events.close();
                ended();
                return null;
            });
        }

        void ended() {
            if (gone.compareAndSet(false, true) && screen != null) {
                dispatcher.closed(screen);
            }
        }
    }
}
