package io.ticketrail.order;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.access.Caller;
import io.ticketrail.access.CurrentCaller;
import io.ticketrail.web.EncodedBody;
import io.ticketrail.web.PathId;
import io.ticketrail.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * The order API a POS and the screens call. HTTP mapping only; the rules live in OrderService, who may call what
 * in {@link Allow} (checked by AccessFilter). A command runs on the event loop: it is checked, validated and queued
 * in its writer lane, which does every database read and write; the answer goes out from the event loop when the
 * lane's batch has committed, with no thread parked for it and no hop through a worker thread each way (a
 * credential that must be looked up moves the request to a worker, see AccessFilter). Reads run on worker threads.
 */
@Tag(name = "Orders")
@NonBlocking
@Path("/api/v1/locations/{locationId}/orders")
public class OrderResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * What Jackson's writer would declare for the view: the body is the bytes the command already encoded. Given as
     * text, as the header is written: a MediaType with a charset is looked up in a map by value on every answer.
     */
    private static final String JSON = MediaType.APPLICATION_JSON + ";charset=UTF-8";

    @Inject
    OrderService orders;

    @Inject
    CurrentCaller caller;

    /**
     * What a command reads from its request besides the body. Parameters, not fields of the resource: a resource
     * with parameter fields is created and injected per request (2% of a busy server's samples), one without is a
     * single instance.
     */
    public record CommandRequest(
            @PathParam("locationId") String locationId,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @HeaderParam("If-Match") String ifMatch,
            @Context UriInfo uri) {}

    @POST
    @Operation(
            operationId = "placeOrder",
            summary = "Place an order",
            description =
                    "Places a new order: it shows on the screens of the stations its items route to. Send an `externalId` (your order id) and an `Idempotency-Key`: a retry of the same order answers the same result and never places it twice.")
    @APIResponse(
            responseCode = "201",
            description = "The new order, with its version in the `ETag`.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderView.class)))
    @APIResponse(
            responseCode = "200",
            description =
                    "The order placed before with this `externalId` or `Idempotency-Key` (`Idempotent-Replayed: true` for a key).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderView.class)))
    @Allow(Action.PLACE)
    public CompletionStage<Response> place(@BeanParam CommandRequest request, @Valid @NotNull PlaceOrderRequest body) {
        return respond(orders.place(request.locationId(), body, meta(request, "POST", body)));
    }

    @GET
    @Operation(
            operationId = "listOrders",
            summary = "List orders",
            description =
                    "Orders of the location by status (`open`, `completed`, `cancelled`, `all`), newest first, a page at a time.")
    @Allow(Action.READ_ORDERS)
    @Blocking
    public OrderPage list(
            @PathParam("locationId") String locationId,
            @QueryParam("status") @DefaultValue("open") String status,
            // page x size must stay an int offset: page 4294968 of 500 overflowed to a negative one (a 500 before)
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return orders.list(locationId, statuses(status), page, size);
    }

    @GET
    @Path("{orderId}")
    @Operation(
            operationId = "getOrder",
            summary = "Get an order",
            description = "One order, with its version in the `ETag` for `If-Match`.")
    @APIResponse(
            responseCode = "200",
            description = "The order, with its version in the `ETag`.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderView.class)))
    @Allow(Action.READ_ORDERS)
    @Blocking
    public Response get(@PathParam("locationId") String locationId, @PathParam("orderId") String orderId) {
        OrderView order = orders.find(locationId, id(orderId))
                .orElseThrow(() -> ProblemException.notFound("No order " + orderId + " at " + locationId));
        return Response.ok(order)
                .tag(new EntityTag(Long.toString(order.version())))
                .build();
    }

    @PATCH
    @Path("{orderId}")
    @Operation(
            operationId = "updateOrder",
            summary = "Change an order's details",
            description = "Table, customer, server, guests, priority, notes or promised time of an open order.")
    @Allow(Action.UPDATE)
    public CompletionStage<Response> update(
            @BeanParam CommandRequest request,
            @PathParam("orderId") String orderId,
            @Valid @NotNull UpdateOrderRequest body) {
        return respond(orders.update(request.locationId(), id(orderId), body, meta(request, "PATCH", body)));
    }

    @POST
    @Path("{orderId}/items")
    @Operation(
            operationId = "addItems",
            summary = "Add items",
            description = "Adds items to an open order; they go to their stations with the order's current course.")
    @Allow(Action.ADD_ITEMS)
    public CompletionStage<Response> addItems(
            @BeanParam CommandRequest request,
            @PathParam("orderId") String orderId,
            @Valid @NotNull AddItemsRequest body) {
        return respond(orders.addItems(request.locationId(), id(orderId), body, meta(request, "POST", body)));
    }

    @POST
    @Path("{orderId}/items/{itemId}/void")
    @Operation(
            operationId = "voidItem",
            summary = "Void an item",
            description =
                    "Voids an item, with an optional reason; its station sees a VOID notice until a cook acknowledges it.")
    @Allow(Action.VOID_ITEM)
    public CompletionStage<Response> voidItem(
            @BeanParam CommandRequest request,
            @PathParam("orderId") String orderId,
            @PathParam("itemId") String itemId,
            @Valid ReasonRequest body) {
        return respond(
                orders.voidItem(request.locationId(), id(orderId), id(itemId), body, meta(request, "POST", body)));
    }

    @PATCH
    @Path("{orderId}/items/{itemId}")
    @Operation(
            operationId = "changeItem",
            summary = "Change an item",
            description = "Changes an item's quantity, modifiers or notes; its station sees what changed.")
    @Allow(Action.UPDATE)
    public CompletionStage<Response> changeItem(
            @BeanParam CommandRequest request,
            @PathParam("orderId") String orderId,
            @PathParam("itemId") String itemId,
            @Valid @NotNull ChangeItemRequest body) {
        return respond(
                orders.changeItem(request.locationId(), id(orderId), id(itemId), body, meta(request, "PATCH", body)));
    }

    @POST
    @Path("{orderId}/items/{itemId}/start")
    @Operation(
            operationId = "startItem",
            summary = "Start an item",
            description = "A cook starts cooking an item (`QUEUED` to `IN_PROGRESS`).")
    @Allow(Action.START)
    public CompletionStage<Response> startItem(
            @BeanParam CommandRequest request,
            @PathParam("orderId") String orderId,
            @PathParam("itemId") String itemId) {
        return respond(orders.startItem(request.locationId(), id(orderId), id(itemId), meta(request, "POST", null)));
    }

    @POST
    @Path("{orderId}/items/{itemId}/bump")
    @Operation(operationId = "bumpItem", summary = "Bump an item", description = "A cook marks an item done.")
    @Allow(Action.BUMP)
    public CompletionStage<Response> bumpItem(
            @BeanParam CommandRequest request,
            @PathParam("orderId") String orderId,
            @PathParam("itemId") String itemId) {
        return respond(orders.bumpItem(request.locationId(), id(orderId), id(itemId), meta(request, "POST", null)));
    }

    @POST
    @Path("{orderId}/stations/{stationId}/bump")
    @Operation(
            operationId = "bumpStation",
            summary = "Bump a station's items",
            description = "Marks every item of one station on the order done.")
    @Allow(Action.BUMP)
    public CompletionStage<Response> bumpStation(
            @BeanParam CommandRequest request,
            @PathParam("orderId") String orderId,
            @PathParam("stationId") String stationId) {
        return respond(orders.bumpStation(request.locationId(), id(orderId), stationId, meta(request, "POST", null)));
    }

    @POST
    @Path("{orderId}/courses/{course}/fire")
    @Operation(
            operationId = "fireCourse",
            summary = "Fire a course",
            description = "Sends a held course (1 to 9) to the kitchen.")
    @Allow(Action.FIRE_COURSE)
    public CompletionStage<Response> fireCourse(
            @BeanParam CommandRequest request,
            @PathParam("orderId") String orderId,
            @PathParam("course") @Min(1) @Max(9) int course) {
        return respond(orders.fireCourse(request.locationId(), id(orderId), course, meta(request, "POST", null)));
    }

    @POST
    @Path("{orderId}/recall")
    @Operation(
            operationId = "recallOrder",
            summary = "Recall an order",
            description = "Brings a bumped or ready order back to the screens, within the recall window.")
    @Allow(Action.RECALL)
    public CompletionStage<Response> recall(
            @BeanParam CommandRequest request, @PathParam("orderId") String orderId, @Valid RecallRequest body) {
        return respond(orders.recall(request.locationId(), id(orderId), body, meta(request, "POST", body)));
    }

    @POST
    @Path("{orderId}/ready")
    @Operation(
            operationId = "markReady",
            summary = "Mark an order ready",
            description = "Expo marks the order ready for pickup or service.")
    @Allow(Action.READY)
    public CompletionStage<Response> ready(@BeanParam CommandRequest request, @PathParam("orderId") String orderId) {
        return respond(orders.markReady(request.locationId(), id(orderId), meta(request, "POST", null)));
    }

    @POST
    @Path("{orderId}/complete")
    @Operation(
            operationId = "completeOrder",
            summary = "Complete an order",
            description = "The order was served or picked up; it leaves the screens.")
    @Allow(Action.COMPLETE)
    public CompletionStage<Response> complete(@BeanParam CommandRequest request, @PathParam("orderId") String orderId) {
        return respond(orders.complete(request.locationId(), id(orderId), meta(request, "POST", null)));
    }

    /** Undo of complete (a mis-tapped Served): whoever may complete may undo it, within the recall window. */
    @POST
    @Path("{orderId}/reopen")
    @Operation(
            operationId = "reopenOrder",
            summary = "Reopen a completed order",
            description = "Undoes a mis-tapped complete, within the recall window.")
    @Allow(Action.COMPLETE)
    public CompletionStage<Response> reopen(@BeanParam CommandRequest request, @PathParam("orderId") String orderId) {
        return respond(orders.reopen(request.locationId(), id(orderId), meta(request, "POST", null)));
    }

    @POST
    @Path("{orderId}/cancel")
    @Operation(
            operationId = "cancelOrder",
            summary = "Cancel an order",
            description = "Cancels an open order, with an optional reason; stations that had its items see a notice.")
    @Allow(Action.CANCEL)
    public CompletionStage<Response> cancel(
            @BeanParam CommandRequest request, @PathParam("orderId") String orderId, @Valid ReasonRequest body) {
        return respond(orders.cancel(request.locationId(), id(orderId), body, meta(request, "POST", body)));
    }

    @POST
    @Path("{orderId}/notices/ack")
    @Operation(
            operationId = "acknowledgeNotices",
            summary = "Acknowledge notices",
            description = "A screen acknowledges the notices (voids, changes, cancels) it has shown for its view.")
    @Allow(Action.ACKNOWLEDGE)
    public CompletionStage<Response> acknowledge(
            @BeanParam CommandRequest request,
            @PathParam("orderId") String orderId,
            @Valid @NotNull AcknowledgeRequest body) {
        return respond(orders.acknowledge(request.locationId(), id(orderId), body, meta(request, "POST", body)));
    }

    private CommandMeta meta(CommandRequest request, String method, Object body) {
        Caller who = caller.require();
        String idempotencyKey = request.idempotencyKey();
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.invalid(IDEMPOTENCY_KEY, "must be 1 to 200 characters");
        }
        // only a key's replay compares fingerprints; place keeps its own content hash for the external id
        String fingerprint = idempotencyKey == null
                ? ""
                : orders.fingerprint(List.of(method, request.uri().getPath(), body == null ? "" : body));
        return new CommandMeta(
                who.actor(),
                expectedVersion(request.ifMatch()),
                Optional.ofNullable(idempotencyKey),
                fingerprint,
                who.stationScope(),
                who.mayWholeOrder(),
                who.screenViews());
    }

    /** If-Match carries the order version from an ETag, quoted or not; "*" matches any version. */
    private static Optional<Long> expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return Optional.empty();
        }
        String tag = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Optional.of(Long.parseLong(tag));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "must be an order version, as in the ETag");
        }
    }

    /**
     * The answer once the command's batch has committed; a failure reaches the problem mapper as itself, not wrapped
     * in the CompletionException of a dependent stage.
     */
    private static CompletionStage<Response> respond(CompletionStage<CommandResult> result) {
        ResteasyReactiveRequestContext request = EncodedBody.currentRequest();
        CompletableFuture<Response> response = new CompletableFuture<>();
        result.whenComplete((done, failure) -> {
            if (failure == null) {
                EncodedBody.writeAsIs(request);
                response.complete(respond(done));
            } else {
                response.completeExceptionally(
                        failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure);
            }
        });
        return response;
    }

    private static Response respond(CommandResult result) {
        Response.ResponseBuilder response = Response.status(result.status())
                .entity(result.json())
                .header(HttpHeaders.CONTENT_TYPE, JSON)
                .tag(new EntityTag(Long.toString(result.order().version())));
        if (result.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    private static UUID id(String value) {
        return PathId.uuid(value, "order or item");
    }

    private static List<OrderStatus> statuses(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "open" -> OrderStatus.OPEN;
            case "completed" -> List.of(OrderStatus.COMPLETED);
            case "cancelled" -> List.of(OrderStatus.CANCELLED);
            case "all" -> List.of(OrderStatus.values());
            default -> throw ProblemException.invalid("status", "must be open, completed, cancelled or all");
        };
    }
}
