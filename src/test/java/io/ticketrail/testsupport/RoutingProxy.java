package io.ticketrail.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * What kube-proxy does in front of a Service, on real sockets: each new TCP connection goes to one of the current
 * endpoints (round robin) and stays with it until either side closes; an endpoint removed from the list keeps its
 * open connections. {@link #removeLater} plays endpoint propagation: the stopping instance keeps getting new
 * connections for a while after its SIGTERM.
 */
public final class RoutingProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final NetClient client = vertx.createNetClient();
    private final List<AppProcess> endpoints = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Map<AppProcess, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Map<AppProcess, AtomicInteger> routed = new ConcurrentHashMap<>();
    private final NetServer server;

    public RoutingProxy(List<AppProcess> initial) {
        endpoints.addAll(initial);
        server = vertx.createNetServer().connectHandler(this::route);
        try {
            server.listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The proxy could not listen", e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/");
    }

    public void add(AppProcess endpoint) {
        endpoints.add(endpoint);
    }

    /** Stops sending new connections to the endpoint after {@code lag}; its open connections go on. */
    public void removeLater(AppProcess endpoint, Duration lag) {
        vertx.setTimer(lag.toMillis(), id -> endpoints.remove(endpoint));
    }

    /** Connections through this proxy to the endpoint that are open now. */
    public int openTo(AppProcess endpoint) {
        return open.computeIfAbsent(endpoint, e -> new AtomicInteger()).get();
    }

    /** Connections this proxy has sent to the endpoint so far. */
    public int routedTo(AppProcess endpoint) {
        return routed.computeIfAbsent(endpoint, e -> new AtomicInteger()).get();
    }

    private void route(NetSocket in) {
        in.pause();
        List<AppProcess> now = List.copyOf(endpoints);
        if (now.isEmpty()) {
            in.close();
            return;
        }
        AppProcess endpoint = now.get(Math.floorMod(next.getAndIncrement(), now.size()));
        routed.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
        client.connect(endpoint.baseUri().getPort(), "127.0.0.1").onComplete(connected -> {
            if (connected.failed()) {
                // what a client sees from a pod that no longer listens
                in.close();
                return;
            }
            NetSocket out = connected.result();
            AtomicInteger count = open.computeIfAbsent(endpoint, e -> new AtomicInteger());
            count.incrementAndGet();
            out.closeHandler(v -> {
                count.decrementAndGet();
                in.close();
            });
            in.closeHandler(v -> out.close());
            in.pipeTo(out);
            out.pipeTo(in);
        });
    }

    @Override
    public void close() {
        vertx.close()
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }
}
