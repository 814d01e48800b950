package io.ticketrail.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Auth;

import static org.awaitility.Awaitility.await;

/**
 * A till as docs/api.md asks one to behave: one order at a time, each under its own Idempotency-Key, sent again
 * with the same key after a 503 or a lost connection (to the next instance: a load balancer would), until it is
 * acknowledged. It records what it was told, so a test can say which orders must exist, once each.
 */
final class RetryingPos implements AutoCloseable {

    /** Between two tries, and between two orders. */
    private static final Duration PACE = Duration.ofMillis(100);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String location;
    private final Supplier<List<URI>> instances;
    private final ScheduledExecutorService till = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "retrying-pos");
        t.setDaemon(true);
        return t;
    });
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    /** System.nanoTime() of each acknowledgement, in order. */
    private final List<Long> acknowledgedAt = new CopyOnWriteArrayList<>();

    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile Map<String, Object> pending;
    private volatile String key;
    private volatile boolean stopping;
    private volatile URI inFlightTo;

    /** @param instances where to send, asked at each try (a test may kill or add one) */
    RetryingPos(String location, Supplier<List<URI>> instances) {
        this.location = location;
        this.instances = instances;
    }

    RetryingPos start() {
        till.scheduleWithFixedDelay(this::tick, 0, PACE.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        if (pending == null) {
            if (stopping) {
                return;
            }
            pending = Api.burgerAndFries();
            key = UUID.randomUUID().toString();
        }
        List<URI> targets = instances.get();
        URI target = targets.get(attempts.getAndIncrement() % targets.size());
        String answer = send(target);
        answers.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
        if (answer.equals("201") || answer.equals("200")) {
            acknowledged.add((String) pending.get("externalId"));
            acknowledgedAt.add(System.nanoTime());
            pending = null;
        }
    }

    /** The status, with the problem type for a 503, or the kind of failure when no answer came. */
    private String send(URI target) {
        inFlightTo = target;
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(target.resolve("/api/v1/locations/" + location + "/orders"))
                            .header("Authorization", Auth.bearer(Auth.managerToken()))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .header("Idempotency-Key", key)
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(pending)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503) {
                JsonNode problem = JSON.readTree(response.body());
                return "503 " + problem.path("type").asText();
            }
            return Integer.toString(response.statusCode());
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            inFlightTo = null;
        }
    }

    /** The instance a request is on its way to right now, if any. */
    URI inFlightTo() {
        return inFlightTo;
    }

    /** The external ids of the orders the till was told were taken. */
    List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** How many answers of each kind: "201", "503 /problems/database-unavailable", "no answer"... */
    Map<String, Integer> answers() {
        Map<String, Integer> counts = new TreeMap<>();
        answers.forEach((answer, count) -> counts.put(answer, count.get()));
        return counts;
    }

    int count(String answer) {
        AtomicInteger count = answers.get(answer);
        return count == null ? 0 : count.get();
    }

    int unavailable() {
        return answers.entrySet().stream()
                .filter(e -> e.getKey().startsWith("503"))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    /** Waits for the first acknowledgement after {@code since} (System.nanoTime()) and returns its time. */
    long awaitAcknowledgedAfter(long since, Duration within) {
        await("an order taken")
                .atMost(within)
                .until(() -> acknowledgedAt.stream().anyMatch(at -> at > since));
        return acknowledgedAt.stream().filter(at -> at > since).findFirst().orElseThrow();
    }

    /** Takes no new order, finishes the one in hand (retrying it until taken) and stops. */
    void finish(Duration within) {
        stopping = true;
        await("the till's last order taken").atMost(within).until(() -> pending == null);
        close();
    }

    @Override
    public void close() {
        till.shutdownNow();
        try {
            till.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
