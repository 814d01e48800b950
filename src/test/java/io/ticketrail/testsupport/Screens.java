package io.ticketrail.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.ticketrail.feed.FeedView;
import io.ticketrail.feed.client.FeedClient;

/** Opens reference-client screens against a running instance, and closes them all after the test. */
public final class Screens implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    public FeedClient connect(Supplier<URI> endpoint) {
        FeedClient client = new FeedClient(HTTP, endpoint).connect();
        open.add(client);
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

    @Override
    public void close() {
        open.forEach(FeedClient::close);
    }
}
