package io.ticketrail.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver as an integrator would write one, on a real socket: it checks each delivery's signature with
 * the secret it was shown, and answers as the test tells it (200 by default, a queue of statuses, or hanging until
 * released). It records every request, and separately what it accepted (answered 2xx).
 */
final class Receiver implements AutoCloseable {

    /** One request as received; {@code answered} is the status it got, or 0 when the receiver hung. */
    record Delivery(String id, long seq, String type, JsonNode body, boolean signed, int answered) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Deque<Integer> answers = new ArrayDeque<>();
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private volatile String secret;
    private volatile int status = 200;
    private volatile CountDownLatch hang;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/hook", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void secret(String secret) {
        this.secret = secret;
    }

    /** The next requests get these statuses, then the default again. */
    synchronized void answerNext(int... statuses) {
        for (int s : statuses) {
            answers.add(s);
        }
    }

    /** Every request from now on gets this status. */
    void answerAlways(int status) {
        this.status = status;
    }

    /** Requests from now on get no answer until {@link #release()}. */
    void hang() {
        hang = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch latch = hang;
        hang = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    List<Delivery> received() {
        return List.copyOf(received);
    }

    List<Delivery> accepted() {
        return received.stream().filter(d -> d.answered() / 100 == 2).toList();
    }

    /** The seqs accepted, each once, in the order of their first acceptance. */
    List<Long> acceptedOnce() {
        return List.copyOf(
                new LinkedHashSet<>(accepted().stream().map(Delivery::seq).toList()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        JsonNode json = JSON.readTree(body);
        boolean signed = verified(exchange.getRequestHeaders().getFirst("Ticketrail-Signature"), body);
        CountDownLatch latch = hang;
        if (latch != null) {
            received.add(delivery(json, signed, 0));
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        int answer = next();
        received.add(delivery(json, signed, answer));
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    private synchronized int next() {
        Integer queued = answers.poll();
        return queued == null ? status : queued;
    }

    private static Delivery delivery(JsonNode json, boolean signed, int answered) {
        return new Delivery(
                json.path("id").asText(),
                json.path("seq").asLong(),
                json.path("type").asText(),
                json,
                signed,
                answered);
    }

    /** {@code t=<seconds>,v1=<hex>}: HMAC-SHA256 of t + "." + body, compared in constant time, t within 5 minutes. */
    private boolean verified(String header, byte[] body) {
        if (header == null || secret == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        try {
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
