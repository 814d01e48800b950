package io.ticketrail.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The parts of the OpenAPI document that are the same for many operations, written once here rather than on
 * every resource method: what the API is, its tags, how callers authenticate, and the problem+json answers each
 * kind of operation can give (docs/api.md, "Errors"). Each operation's own name, summary and success answer stay
 * on its resource method. Registered with {@code mp.openapi.filter}; runs when the document is built.
 */
public class ApiDocument implements OASFilter {

    static final String BEARER = "bearer";
    static final String SESSION = "managerSession";
    static final String SCREEN = "screenCookie";
    /** Operations anyone may call; they say so with an empty security list. */
    private static final Set<String> PUBLIC = Set.of("signIn", "whoAmI", "startPairing", "claimPairing");

    /** The tags, in the order a reader meets them. */
    private static final Map<String, String> TAGS = tags();

    private static Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Orders", "Place orders and move them through the kitchen: what a POS and the screens call.");
        tags.put("Events", "The location's event log, in commit order: follow the kitchen from a position.");
        tags.put("Feed", "The live feed over Server-Sent Events, and screens' acknowledgements of what they show.");
        tags.put("Locations", "A location's stations, routes and timers.");
        tags.put("Screens and alarms", "Which screens are live, and the missed-ticket alarm.");
        tags.put("Stats", "Speed of service and reports for managers.");
        tags.put("Access", "Signing in, POS keys, and pairing and revoking screens.");
        tags.put("Webhooks", "Signed POSTs of the location's events to an integration's endpoint, from the log.");
        return tags;
    }

    /** One problem answer: its status, the reusable response's name and what it means here. */
    private record ProblemAnswer(String status, String name, String type, String title, String description) {}

    private static final List<ProblemAnswer> PROBLEMS = List.of(
            new ProblemAnswer(
                    "400",
                    "BadRequest",
                    "validation",
                    "Invalid request",
                    "A field, parameter or header is invalid (`errors` names it), or the body is not JSON."),
            new ProblemAnswer(
                    "401",
                    "Unauthorized",
                    "unauthorized",
                    "Unauthorized",
                    "No credential, or an unknown, expired or revoked one."),
            new ProblemAnswer(
                    "403",
                    "Forbidden",
                    "forbidden",
                    "Forbidden",
                    "The credential is for another location or may not do this (`action` names what it lacks), or"
                            + " a cookie-borne change came without its `X-CSRF-Token`."),
            new ProblemAnswer(
                    "404", "NotFound", "not-found", "Not found", "Unknown location, order, item, station or key."),
            new ProblemAnswer(
                    "409",
                    "Conflict",
                    "illegal-transition",
                    "Illegal transition",
                    "The order's state does not allow this (`illegal-transition`, with `currentStatus`), the recall"
                            + " window passed, or an `externalId` was placed before with other content."),
            new ProblemAnswer(
                    "410",
                    "Gone",
                    "events-expired",
                    "Events no longer retained",
                    "`after` is older than the retained events (`minRetainedSeq`): start again from the orders."),
            new ProblemAnswer(
                    "412",
                    "PreconditionFailed",
                    "version-mismatch",
                    "Order changed",
                    "`If-Match` names another version of the order (`currentVersion`)."),
            new ProblemAnswer(
                    "413",
                    "ContentTooLarge",
                    "body-too-large",
                    "Request body too large",
                    "The body is over the server's limit (`limit`, in bytes)."),
            new ProblemAnswer(
                    "422",
                    "UnprocessableContent",
                    "idempotency-key-reused",
                    "Idempotency key reused",
                    "This caller used the `Idempotency-Key` for another request, or the order would grow past its"
                            + " limits (`order-too-large`)."),
            new ProblemAnswer(
                    "429",
                    "TooManyRequests",
                    "rate-limited",
                    "Too many requests",
                    "Over the credential's rate: try again after `Retry-After` seconds."),
            new ProblemAnswer(
                    "503",
                    "ServiceUnavailable",
                    "database-unavailable",
                    "Database unavailable",
                    "PostgreSQL cannot be reached or refuses writes (`database-unavailable`), the connection died"
                            + " while a command committed (`commit-outcome-unknown`), or more commands are waiting than"
                            + " the server holds (`write-queue-full`). Retry after `Retry-After` seconds"
                            + " with the same `Idempotency-Key`: a command that committed answers with its stored"
                            + " result, one that did not runs once."));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.info(OASFactory.createInfo()
                .title("Ticketrail API")
                .version("1")
                .description("The REST API of Ticketrail, a self-hosted kitchen display system: a POS or online"
                        + " ordering system places and changes orders, screens and integrations follow them."
                        + " docs/api.md explains the rules behind each answer; docs/protocol.md the live feed.")
                .contact(
                        OASFactory.createContact().name("Ticketrail").url("https://github.com/ticketrail/ticketrail")));
        api.servers(List.of(OASFactory.createServer()
                .url("{scheme}://{host}")
                .description("Your Ticketrail server (dev mode: http://localhost:8080)")
                .variables(Map.of(
                        "scheme",
                        OASFactory.createServerVariable()
                                .enumeration(List.of("https", "http"))
                                .defaultValue("https"),
                        "host",
                        OASFactory.createServerVariable()
                                .defaultValue("localhost:8080")
                                .description("host and port")))));
        api.tags(TAGS.entrySet().stream()
                .map(t -> OASFactory.createTag().name(t.getKey()).description(t.getValue()))
                .toList());
        if (api.getComponents() == null) {
            api.components(OASFactory.createComponents());
        }
        api.getComponents()
                .addSecurityScheme(
                        BEARER,
                        OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("A POS key (created on the access page, shown once), a paired"
                                        + " screen's token or a manager's session token:"
                                        + " `Authorization: Bearer <token>`."))
                .addSecurityScheme(
                        SESSION,
                        OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE)
                                .name("trk_session")
                                .description("A manager's session from `POST /api/v1/session` (`__Host-trk_session`"
                                        + " over HTTPS). Changes also need the session's `X-CSRF-Token` header."))
                .addSecurityScheme(
                        SCREEN,
                        OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE)
                                .name("trk_device")
                                .description("A paired screen's cookie (`__Host-trk_device` over HTTPS). Changes also"
                                        + " need the screen's `X-CSRF-Token` header."));
        api.getComponents().addSchema("Problem", problemSchema());
        if (api.getComponents().getSchemas() != null) {
            Map<String, Schema> scalars = new LinkedHashMap<>();
            api.getComponents().getSchemas().forEach((name, schema) -> {
                if (schema.getProperties() == null
                        && schema.getEnumeration() == null
                        && schema.getType() != null
                        && schema.getType().equals(List.of(Schema.SchemaType.STRING))) {
                    scalars.put("#/components/schemas/" + name, schema);
                }
            });
            api.getComponents().getSchemas().values().forEach(schema -> mayBeNull(schema, scalars));
            scalars.keySet()
                    .forEach(ref -> api.getComponents().removeSchema(ref.substring("#/components/schemas/".length())));
        }
        EXAMPLES.forEach((name, file) ->
                api.getComponents().addExample(name, OASFactory.createExample().value(example(file))));
        PROBLEMS.forEach(p -> api.getComponents().addResponse(p.name(), problemResponse(p)));
        if (api.getPaths() != null) {
            api.getPaths().getPathItems().forEach(this::describe);
        }
    }

    private void describe(String path, PathItem item) {
        // the scanner finds the two headers in OrderResource.CommandRequest, undescribed, on every command (If-Match
        // on place too); they are put back below, described, where they apply
        withoutHeaders(item.getParameters(), item::removeParameter);
        if (path.startsWith("/api/v1/locations/{locationId}/orders")) {
            keepLocationOnThePath(item);
        }
        item.getOperations().forEach((method, operation) -> {
            withoutHeaders(operation.getParameters(), operation::removeParameter);
            boolean open = PUBLIC.contains(operation.getOperationId());
            operation.security(
                    open ? List.of() : List.of(requirement(BEARER), requirement(SESSION), requirement(SCREEN)));
            if (path.contains("/orders") && method != PathItem.HttpMethod.GET) {
                operation.addParameter(header("Idempotency-Key"));
                if (path.contains("/orders/{orderId}")) {
                    operation.addParameter(header("If-Match"));
                }
            }
            if (path.contains("/orders/{orderId}") && method != PathItem.HttpMethod.GET) {
                operation.getResponses().addAPIResponse("200", orderAfterCommand());
            }
            examples(path, method, operation);
            answers(path, method, operation, open, item)
                    .forEach(status -> operation
                            .getResponses()
                            .addAPIResponse(
                                    status.status(),
                                    OASFactory.createAPIResponse().ref("#/components/responses/" + status.name())));
        });
    }

    /** What every command on an existing order answers (OrderResource.respond). */
    private static APIResponse orderAfterCommand() {
        return OASFactory.createAPIResponse()
                .description("The order after the command, with its version in the `ETag`.")
                .content(OASFactory.createContent()
                        .addMediaType(
                                jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("#/components/schemas/OrderView"))));
    }

    /** Which problems an operation can answer, read from its shape (docs/api.md, "Errors"). */
    private static List<ProblemAnswer> answers(
            String path, PathItem.HttpMethod method, Operation operation, boolean open, PathItem item) {
        boolean changes = method != PathItem.HttpMethod.GET;
        boolean orderCommand = path.contains("/orders") && changes;
        boolean hasInput = operation.getRequestBody() != null
                || has(operation.getParameters(), "query")
                || has(item.getParameters(), "header")
                || has(operation.getParameters(), "header");
        return PROBLEMS.stream()
                .filter(p -> switch (p.status()) {
                    case "400" -> hasInput;
                    case "401", "403", "429" -> !open;
                    case "404" -> path.contains("{");
                    case "409", "412" -> orderCommand;
                    case "410" -> path.endsWith("/events");
                    case "413" -> operation.getRequestBody() != null;
                    case "422" -> orderCommand && operation.getRequestBody() != null;
                    default -> true;
                })
                // an operation that documents its own answer for a status keeps it
                .filter(p -> operation.getResponses() == null
                        || operation.getResponses().getAPIResponse(p.status()) == null
                        || p.status().equals("400"))
                .toList();
    }

    /**
     * OrderResource takes the location as a parameter of each method (a resource without parameter fields is one
     * instance), so the scanner puts it on each operation, after the order's id. The document keeps it on the path,
     * first, as it always was: a client generated from it keeps its methods' signatures.
     */
    private static void keepLocationOnThePath(PathItem item) {
        if (item.getOperations().isEmpty()
                || !item.getOperations().values().stream()
                        .allMatch(o -> locationParameter(o.getParameters()) != null)) {
            return;
        }
        Parameter location = locationParameter(
                item.getOperations().values().iterator().next().getParameters());
        item.getOperations().values().forEach(o -> o.removeParameter(locationParameter(o.getParameters())));
        List<Parameter> shared = item.getParameters() == null ? List.of() : List.copyOf(item.getParameters());
        shared.forEach(item::removeParameter);
        item.addParameter(location);
        shared.forEach(item::addParameter);
    }

    private static Parameter locationParameter(List<Parameter> parameters) {
        return parameters == null
                ? null
                : parameters.stream()
                        .filter(p -> "locationId".equals(p.getName()) && p.getIn() == Parameter.In.PATH)
                        .findFirst()
                        .orElse(null);
    }

    private static void withoutHeaders(List<Parameter> parameters, Consumer<Parameter> remove) {
        if (parameters != null) {
            List.copyOf(parameters).stream()
                    .filter(p -> HEADERS.containsKey(p.getName()))
                    .forEach(remove);
        }
    }

    private static boolean has(List<Parameter> parameters, String in) {
        return parameters != null
                && parameters.stream()
                        .anyMatch(p -> p.getIn() != null && p.getIn().toString().equals(in));
    }

    /** The headers that make order commands safe to retry and to race, explained where a generator sees them. */
    private static final Map<String, String> HEADERS = Map.of(
            "Idempotency-Key",
            "Makes a command safe to retry: the same key with the same request answers the first result again"
                    + " (with `Idempotent-Replayed: true`) and changes nothing more. 1 to 200 characters, kept 24"
                    + " hours.",
            "If-Match",
            "The order version last seen, as in the `ETag`: the command is refused with 412 if the order changed"
                    + " since. `*` or none: any version.");

    private static Parameter header(String name) {
        return OASFactory.createParameter()
                .name(name)
                .in(Parameter.In.HEADER)
                .description(HEADERS.get(name))
                .schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.STRING)
                        .maxLength(name.equals("Idempotency-Key") ? 200 : null));
    }

    private static SecurityRequirement requirement(String scheme) {
        return OASFactory.createSecurityRequirement().addScheme(scheme);
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem. Some problems add members, named in docs/api.md.")
                .addProperty("type", string.description("The kind of problem, as `/problems/<name>`."))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .description("Validation problems: which field, and what is wrong with it.")
                                .items(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.OBJECT)
                                        .addProperty(
                                                "field",
                                                OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                        .addProperty(
                                                "message",
                                                OASFactory.createSchema().addType(Schema.SchemaType.STRING))))
                .required(List.of("type", "title", "status"))
                .additionalPropertiesBoolean(true);
    }

    private static APIResponse problemResponse(ProblemAnswer problem) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "/problems/" + problem.type());
        example.put("title", problem.title());
        example.put("status", Integer.parseInt(problem.status()));
        example.put("detail", problem.description().replace("`", ""));
        MediaType media = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                .example(example);
        APIResponse response = OASFactory.createAPIResponse()
                .description(problem.description())
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media));
        if (problem.status().equals("429") || problem.status().equals("503")) {
            response.addHeader(
                    "Retry-After",
                    OASFactory.createHeader()
                            .description("Seconds to wait before trying again.")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        return response;
    }

    /**
     * Jackson writes a record's unset reference fields as {@code null} and reads {@code null} for them, so every
     * property that is not required may be null; the scanner leaves that out, and a generated client or a
     * validating proxy would then refuse {@code "readyAt": null}.
     */
    private static void mayBeNull(Schema schema, Map<String, Schema> scalars) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, property) -> {
            inline(property, scalars);
            if (property.getItems() != null) {
                inline(property.getItems(), scalars);
            }
            List<Schema.SchemaType> types = property.getType();
            if (!required.contains(name)
                    && types != null
                    && types.size() == 1
                    && types.get(0) != Schema.SchemaType.INTEGER
                    && types.get(0) != Schema.SchemaType.BOOLEAN
                    && types.get(0) != Schema.SchemaType.NUMBER) {
                property.addType(Schema.SchemaType.NULL);
            }
        });
    }

    /** A reference cannot say "or null", so references to scalars (an Instant, a UUID) are written out. */
    private static void inline(Schema property, Map<String, Schema> scalars) {
        Schema scalar = property.getRef() == null ? null : scalars.get(property.getRef());
        if (scalar != null) {
            property.ref(null).type(new ArrayList<>(scalar.getType())).format(scalar.getFormat());
        }
    }

    /** Examples written once under components, referred to by the operations. */
    private static final Map<String, String> EXAMPLES = new TreeMap<>(
            Map.of("Order", "order", "PlaceOrder", "place-order", "AddItems", "add-items")); // a stable order

    /** Request and answer examples of the order commands an integrator writes first, from src/main/resources/openapi/. */
    private static void examples(String path, PathItem.HttpMethod method, Operation operation) {
        String id = operation.getOperationId();
        if (id == null) {
            return;
        }
        Map<String, String> requests = Map.of("placeOrder", "PlaceOrder", "addItems", "AddItems");
        if (requests.containsKey(id) && operation.getRequestBody() != null) {
            operation
                    .getRequestBody()
                    .getContent()
                    .getMediaTypes()
                    .values()
                    .forEach(media -> media.addExample(requests.get(id), reference(requests.get(id))));
        }
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null && response.getRef() == null) {
                response.getContent().getMediaTypes().forEach((type, media) -> {
                    if (type.equals("application/json") && isOrder(media)) {
                        media.addExample("Order", reference("Order"));
                    }
                });
            }
        });
    }

    private static org.eclipse.microprofile.openapi.models.examples.Example reference(String name) {
        return OASFactory.createExample().ref("#/components/examples/" + name);
    }

    private static boolean isOrder(MediaType media) {
        return media.getSchema() != null
                && "#/components/schemas/OrderView".equals(media.getSchema().getRef());
    }

    /** A JSON example kept beside the document's source, in src/main/resources/openapi/. */
    private static Object example(String name) {
        try (InputStream in = ApiDocument.class.getResourceAsStream("/openapi/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("No example " + name);
            }
            return new ObjectMapper().readValue(in, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
