package io.ticketrail.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketrail.log.EventType;
import io.ticketrail.log.StoredEvent;

/**
 * One signed POST of one event to one endpoint (docs/integrations.md, "Receive webhooks"). The JDK's HTTP client:
 * nothing more is needed for a POST with two timeouts, and it adds no dependency. Redirects are not followed: a
 * receiver that moved is a failure its owner sees on the access page.
 */
@Singleton
public class WebhookSender {

    static final String SIGNATURE = "Ticketrail-Signature";
    static final String EVENT_ID = "Ticketrail-Event-Id";
    static final String EVENT_SEQ = "Ticketrail-Event-Seq";
    static final String EVENT_TYPE = "Ticketrail-Event-Type";

    @Inject
    WebhookConfig config;

    @Inject
    ObjectMapper json;

    private HttpClient client;

    /** A 2xx (delivered), any other status, or no answer at all ({@code status} null). */
    record Outcome(boolean delivered, Integer status, String error) {}

    @PostConstruct
    void start() {
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One event as its receivers get it: the offered type it counts as, its stable id and the signed body. */
    record Outgoing(long seq, EventType type, String id, byte[] body) {}

    /**
     * The event as a webhook, or empty when it is none of the offered kinds. ORDER_READY is the order becoming
     * ready, whichever command did it: without expo confirmation the last bump (or void) makes it ready by itself,
     * and a receiver waiting for "ready" must hear of that too. The event that made it ready is the one whose time
     * is the order's {@code readyAt} (both are the command's clock); a later change of a ready order is not.
     */
    Optional<Outgoing> outgoing(String locationId, UUID epoch, StoredEvent event) {
        if (!event.type().changesOrder()) {
            return Optional.empty();
        }
        try {
            JsonNode order = json.readTree(event.state());
            EventType type = switch (event.type()) {
                case ORDER_PLACED, ORDER_COMPLETED, ORDER_CANCELLED -> event.type();
                default -> becameReady(event, order) ? EventType.ORDER_READY : null;
            };
            if (type == null) {
                return Optional.empty();
            }
            String id = eventId(locationId, epoch, event.seq());
            ObjectNode body = json.createObjectNode();
            body.put("id", id);
            body.put("locationId", locationId);
            body.put("seq", event.seq());
            body.put("type", type.name());
            body.put("logType", event.type().name());
            body.put("occurredAt", event.occurredAt().toString());
            body.set("order", order);
            return Optional.of(new Outgoing(event.seq(), type, id, json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event's state is JSON the log wrote itself", e);
        }
    }

    private static boolean becameReady(StoredEvent event, JsonNode order) {
        JsonNode readyAt = order.path("readyAt");
        return "READY".equals(order.path("status").asText())
                && readyAt.isTextual()
                && Instant.parse(readyAt.asText()).equals(event.occurredAt());
    }

    Outcome send(WebhookLedger.Due endpoint, Outgoing event) throws InterruptedException {
        byte[] body = event.body();
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(config.readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Ticketrail-Webhooks/1")
                .header(EVENT_ID, event.id())
                .header(EVENT_SEQ, Long.toString(event.seq()))
                .header(EVENT_TYPE, event.type().name())
                .header(SIGNATURE, "t=" + timestamp + ",v1=" + sign(endpoint.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        // the request's timeout covers the wait for the status line; this deadline also covers a body that trickles
        CompletableFuture<HttpResponse<Void>> exchange =
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            int status = exchange.get(
                            config.connectTimeout().plus(config.readTimeout()).toMillis(), TimeUnit.MILLISECONDS)
                    .statusCode();
            return new Outcome(status >= 200 && status < 300, status, status >= 300 ? "HTTP " + status : null);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return timedOut();
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return timedOut();
            }
            return new Outcome(false, null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private Outcome timedOut() {
        return new Outcome(
                false, null, "no answer within " + config.readTimeout().toMillis() + " ms");
    }

    /**
     * Stable across retries and instances, so a receiver dedupes by it: the log's epoch is in it because a restored
     * log may number other events with seqs it used before.
     */
    static String eventId(String locationId, UUID epoch, long seq) {
        return locationId + ":" + epoch + ":" + seq;
    }

    /** Hex HMAC-SHA256 of {@code t + "." + body}, keyed with the whole secret as UTF-8. */
    static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
