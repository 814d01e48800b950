package io.ticketrail.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The feed's SSE fallback as a browser's EventSource reads it: events with their id, parsed as they arrive. */
public final class SseStream implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its {@code id} (null when it has none) and its data. */
    public record Event(String id, JsonNode data) {

        public String type() {
            return data.path("type").asText();
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private SseStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code uri} as the test manager, sending {@code lastEventId} as Last-Event-ID when it is not null. */
    public static SseStream open(URI uri, String lastEventId) {
        return open(uri, lastEventId, Auth.managerToken());
    }

    /** Opens {@code uri} with {@code token} as its Bearer credential (null: none). */
    public static SseStream open(URI uri, String lastEventId, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", Auth.bearer(token));
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /**
     * The events so far without the pings: every joined screen gets one every ping interval whenever the timer fires,
     * so a test that counts the events it caused would count those too.
     */
    public List<Event> events() {
        return events.stream().filter(e -> !e.type().equals("ping")).toList();
    }

    /** True once the stream is over: the server ended it, or the test closed it. */
    public boolean ended() {
        return ended;
    }

    /** Ends the stream as a closed browser tab does. */
    @Override
    public void close() {
        response.body().close();
    }

    private void read() {
        String id = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, JSON.readTree(data.toString())));
                    }
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = field(line);
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(field(line));
                }
            }
        } catch (Exception e) {
            // the stream ended: closed by the test or by the server
        }
        ended = true;
    }

    private static String field(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
