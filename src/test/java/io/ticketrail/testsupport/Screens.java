package io.ticketrail.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.ticketrail.feed.client.FeedClient;

/** Opens reference-client screens against a running instance, and closes them all after the test. */
public final class Screens implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    public static URI feedUri(URI base, String locationId, String view) {
        String ws = base.toString().replaceFirst("^http", "ws").replaceAll("/$", "");
        return URI.create(ws + "/ws/v1/locations/" + locationId + "/feed?" + view);
    }

    @Override
    public void close() {
        open.forEach(FeedClient::close);
    }
}
