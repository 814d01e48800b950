package io.ticketrail.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.ticketrail.feed.FeedView;
import io.ticketrail.feed.client.FeedClient;

/** Opens reference-client screens against a running instance, and closes them all after the test. */
public final class Screens implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** The views of {@link Api#kitchen}: its two prep stations, expo, front of house and manager. */
    public static final FeedView GRILL = FeedView.parse("station", "grill");

    public static final FeedView FRY = FeedView.parse("station", "fry");
    public static final FeedView EXPO = FeedView.parse("expo", null);
    public static final FeedView FOH = FeedView.parse("foh", null);
    public static final FeedView MANAGER = FeedView.parse("manager", null);

    private final List<FeedClient> open = new ArrayList<>();

    /** A screen of {@code view} (e.g. "view=station&station=grill") at the instance behind {@code base}. */
    public FeedClient connect(URI base, String locationId, String view) {
        return connect(() -> feedUri(base, locationId, view));
    }

    /** A screen of {@code view} that connects with {@code token}: a paired screen's, a key's or a manager's. */
    public FeedClient connectAs(String token, URI base, String locationId, String view) {
        FeedClient client = new FeedClient(HTTP, () -> feedUri(base, locationId, view)).credential(token);
        open.add(client.connect());
        return client;
    }

    /**
     * A screen that never acknowledges what it renders: connected, reading, but to the server a frozen page
     * (docs/protocol.md, "Acknowledgements").
     */
    public FeedClient connectFrozen(URI base, String locationId, String view) {
        FeedClient client = new FeedClient(HTTP, () -> feedUri(base, locationId, view))
                .credential(Auth.managerToken())
                .acks(false, Duration.ofSeconds(1));
        open.add(client.connect());
        return client;
    }

    public FeedClient connect(Supplier<URI> endpoint) {
        return connect(endpoint, List.of());
    }

    /**
     * A screen that kept what an earlier connection applied ({@code seen}, in order) and says hello resuming from
     * there, as a tablet does after a Wi-Fi drop.
     */
    public FeedClient resume(URI base, String locationId, String view, List<JsonNode> seen) {
        return connect(() -> feedUri(base, locationId, view), seen);
    }

    private FeedClient connect(Supplier<URI> endpoint, List<JsonNode> seen) {
        FeedClient client = new FeedClient(HTTP, endpoint).credential(Auth.managerToken());
        // before connect(): the hello is written from the state as soon as the socket opens
        seen.forEach(client.state()::apply);
        open.add(client.connect());
        return client;
    }

    /**
     * A screen of {@code view} that connects to the instance {@code instance} names, asked again at every reconnect
     * (a test moves the screen by changing the answer, as a load balancer would).
     */
    public FeedTruth.Watched watch(String name, String locationId, FeedView view, Supplier<URI> instance) {
        FeedClient client = connect(() -> feedUri(instance.get(), locationId, FeedTruth.query(view)));
        return new FeedTruth.Watched(name, locationId, view, client);
    }

    public static URI feedUri(URI base, String locationId, String view) {
        String ws = base.toString().replaceFirst("^http", "ws").replaceAll("/$", "");
        return URI.create(ws + "/ws/v1/locations/" + locationId + "/feed?" + view);
    }

    /** The SSE fallback's URI for the same screen. */
    public static URI sseUri(URI base, String locationId, String view) {
        return URI.create(base.toString().replaceAll("/$", "") + "/api/v1/locations/" + locationId + "/feed?" + view);
    }

    /** A snapshot of nothing at {@code epoch:seq}: resumed from, it makes a screen say it is there. */
    public static JsonNode position(String epoch, long seq) {
        return PLAIN.createObjectNode()
                .put("type", "snapshot")
                .put("epoch", epoch)
                .put("seq", seq)
                .set("orders", PLAIN.createArrayNode());
    }

    /**
     * What a screen of {@code view} must show according to the database: the location's open orders, read through
     * the REST API and projected for the view, by order id, in the JSON shape the feed sends.
     */
    public static Map<String, JsonNode> projectedFromDb(String locationId, String view) {
        FeedTruth truth =
                new FeedTruth(Arc.container().instance(ObjectMapper.class).get());
        return truth.expected(parseView(view), truth.ordersOnTheLine(locationId));
    }

    private static FeedView parseView(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return FeedView.parse(params.get("view"), params.get("station"));
    }

    @Override
    public void close() {
        open.forEach(FeedClient::close);
    }
}
