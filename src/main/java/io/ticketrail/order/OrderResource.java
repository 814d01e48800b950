package io.ticketrail.order;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.access.Caller;
import io.ticketrail.access.CurrentCaller;
import io.ticketrail.web.PathId;
import io.ticketrail.web.ProblemException;

/**
 * The order API a POS and the screens call. HTTP mapping only; the rules live in OrderService, who may call what
 * in {@link Allow} (checked by AccessFilter).
 */
@Path("/api/v1/locations/{locationId}/orders")
public class OrderResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** What Jackson's writer would declare for the view: the body is the bytes the command already encoded. */
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    @Inject
    OrderService orders;

    @PathParam("locationId")
    String locationId;

    @HeaderParam(IDEMPOTENCY_KEY)
    String idempotencyKey;

    @HeaderParam("If-Match")
    String ifMatch;

    @Inject
    CurrentCaller caller;

    @Context
    UriInfo uri;

    @POST
    @Allow(Action.PLACE)
    public Response place(@Valid @NotNull PlaceOrderRequest body) {
        return respond(orders.place(locationId, body, meta("POST", body)));
    }

    @GET
    @Allow(Action.READ_ORDERS)
    public OrderPage list(
            @QueryParam("status") @DefaultValue("open") String status,
            // page x size must stay an int offset: page 4294968 of 500 overflowed to a negative one (a 500 before)
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return orders.list(locationId, statuses(status), page, size);
    }

    @GET
    @Path("{orderId}")
    @Allow(Action.READ_ORDERS)
    public Response get(@PathParam("orderId") String orderId) {
        OrderView order = orders.find(locationId, id(orderId))
                .orElseThrow(() -> ProblemException.notFound("No order " + orderId + " at " + locationId));
        return Response.ok(order)
                .tag(new EntityTag(Long.toString(order.version())))
                .build();
    }

    @PATCH
    @Path("{orderId}")
    @Allow(Action.UPDATE)
    public Response update(@PathParam("orderId") String orderId, @Valid @NotNull UpdateOrderRequest body) {
        return respond(orders.update(locationId, id(orderId), body, meta("PATCH", body)));
    }

    @POST
    @Path("{orderId}/items")
    @Allow(Action.ADD_ITEMS)
    public Response addItems(@PathParam("orderId") String orderId, @Valid @NotNull AddItemsRequest body) {
        return respond(orders.addItems(locationId, id(orderId), body, meta("POST", body)));
    }

    @POST
    @Path("{orderId}/items/{itemId}/void")
    @Allow(Action.VOID_ITEM)
    public Response voidItem(
            @PathParam("orderId") String orderId, @PathParam("itemId") String itemId, @Valid ReasonRequest body) {
        return respond(orders.voidItem(locationId, id(orderId), id(itemId), body, meta("POST", body)));
    }

    @PATCH
    @Path("{orderId}/items/{itemId}")
    @Allow(Action.UPDATE)
    public Response changeItem(
            @PathParam("orderId") String orderId,
            @PathParam("itemId") String itemId,
            @Valid @NotNull ChangeItemRequest body) {
        return respond(orders.changeItem(locationId, id(orderId), id(itemId), body, meta("PATCH", body)));
    }

    @POST
    @Path("{orderId}/items/{itemId}/start")
    @Allow(Action.START)
    public Response startItem(@PathParam("orderId") String orderId, @PathParam("itemId") String itemId) {
        return respond(orders.startItem(locationId, id(orderId), id(itemId), meta("POST", null)));
    }

    @POST
    @Path("{orderId}/items/{itemId}/bump")
    @Allow(Action.BUMP)
    public Response bumpItem(@PathParam("orderId") String orderId, @PathParam("itemId") String itemId) {
        return respond(orders.bumpItem(locationId, id(orderId), id(itemId), meta("POST", null)));
    }

    @POST
    @Path("{orderId}/stations/{stationId}/bump")
    @Allow(Action.BUMP)
    public Response bumpStation(@PathParam("orderId") String orderId, @PathParam("stationId") String stationId) {
        return respond(orders.bumpStation(locationId, id(orderId), stationId, meta("POST", null)));
    }

    @POST
    @Path("{orderId}/courses/{course}/fire")
    @Allow(Action.FIRE_COURSE)
    public Response fireCourse(@PathParam("orderId") String orderId, @PathParam("course") @Min(1) @Max(9) int course) {
        return respond(orders.fireCourse(locationId, id(orderId), course, meta("POST", null)));
    }

    @POST
    @Path("{orderId}/recall")
    @Allow(Action.RECALL)
    public Response recall(@PathParam("orderId") String orderId, @Valid RecallRequest body) {
        return respond(orders.recall(locationId, id(orderId), body, meta("POST", body)));
    }

    @POST
    @Path("{orderId}/ready")
    @Allow(Action.READY)
    public Response ready(@PathParam("orderId") String orderId) {
        return respond(orders.markReady(locationId, id(orderId), meta("POST", null)));
    }

    @POST
    @Path("{orderId}/complete")
    @Allow(Action.COMPLETE)
    public Response complete(@PathParam("orderId") String orderId) {
        return respond(orders.complete(locationId, id(orderId), meta("POST", null)));
    }

    /** Undo of complete (a mis-tapped Served): whoever may complete may undo it, within the recall window. */
    @POST
    @Path("{orderId}/reopen")
    @Allow(Action.COMPLETE)
    public Response reopen(@PathParam("orderId") String orderId) {
        return respond(orders.reopen(locationId, id(orderId), meta("POST", null)));
    }

    @POST
    @Path("{orderId}/cancel")
    @Allow(Action.CANCEL)
    public Response cancel(@PathParam("orderId") String orderId, @Valid ReasonRequest body) {
        return respond(orders.cancel(locationId, id(orderId), body, meta("POST", body)));
    }

    @POST
    @Path("{orderId}/notices/ack")
    @Allow(Action.ACKNOWLEDGE)
    public Response acknowledge(@PathParam("orderId") String orderId, @Valid @NotNull AcknowledgeRequest body) {
        return respond(orders.acknowledge(locationId, id(orderId), body, meta("POST", body)));
    }

    private CommandMeta meta(String method, Object body) {
        Caller who = caller.require();
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.invalid(IDEMPOTENCY_KEY, "must be 1 to 200 characters");
        }
        // only a key's replay compares fingerprints; place keeps its own content hash for the external id
        String fingerprint = idempotencyKey == null
                ? ""
                : orders.fingerprint(List.of(method, uri.getPath(), body == null ? "" : body));
        return new CommandMeta(
                who.actor(),
                expectedVersion(),
                Optional.ofNullable(idempotencyKey),
                fingerprint,
                who.stationScope(),
                who.mayWholeOrder(),
                who.screenViews());
    }

    /** If-Match carries the order version from an ETag, quoted or not; "*" matches any version. */
    private Optional<Long> expectedVersion() {
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

    private static Response respond(CommandResult result) {
        Response.ResponseBuilder response = Response.status(result.status())
                .entity(result.json())
                .type(JSON)
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
