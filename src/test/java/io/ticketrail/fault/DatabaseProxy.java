package io.ticketrail.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * A TCP proxy between Ticketrail and PostgreSQL, on a port that stays the same, that plays what a network and a
 * database do to an application: {@link #refuse()} (a stopped server: every connection closed, new ones refused),
 * {@link #silence()} (a primary gone silent: nothing forwarded, nothing closed), {@link #restore()}, and
 * {@link #loseCommitReplyOf} (the connection dies after PostgreSQL committed and before the answer arrived).
 */
public final class DatabaseProxy implements AutoCloseable {

    /** What PostgreSQL sends when a COMMIT succeeded: CommandComplete ('C') with the tag "COMMIT". */
    private static final byte[] COMMIT_COMPLETE = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final IntSupplier upstream;
    private final Object gate = new Object();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    /** New connections are silent from the start while this is set. */
    private volatile boolean silent;

    private volatile boolean closed;
    /** The bytes (an external id) that mark the connection whose next COMMIT answer is lost; null: none armed. */
    private volatile byte[] loseCommitOf;

    /** @param upstream PostgreSQL's port, asked at each new connection (the server may not run yet) */
    public DatabaseProxy(IntSupplier upstream) {
        this.upstream = upstream;
        this.server = bind(0);
        this.port = server.getLocalPort();
        startAccepting(server);
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of the database {@code postgres} through this proxy. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** As a stopped server: every open connection is closed, and new ones are refused until {@link #restore()}. */
    public synchronized void refuse() {
        ServerSocket listening = server;
        server = null;
        closeQuietly(listening);
        links.forEach(Link::close);
    }

    /**
     * As a primary whose node died without a word: nothing passes on any connection, open or new, and nothing is
     * closed. After {@link #restore()} new connections work (the replacement answers at the same address), but
     * these stay silent for good: only the application's own timeouts end them.
     */
    public void silence() {
        silent = true;
        links.forEach(link -> link.silent = true);
    }

    /**
     * New connections work again (accepted and forwarded). Connections silenced before stay silent towards the
     * application, and their PostgreSQL sessions end, as the old primary's did: no lock of theirs outlives them.
     */
    public synchronized void restore() {
        silent = false;
        links.stream().filter(link -> link.silent).forEach(link -> closeQuietly(link.database));
        if (server == null && !closed) {
            server = bind(port);
            startAccepting(server);
        }
    }

    /** The client ports PostgreSQL sees for the connections through this proxy (pg_stat_activity.client_port). */
    public List<Integer> sessionPorts() {
        return links.stream().map(link -> link.database.getLocalPort()).toList();
    }

    /**
     * The next COMMIT on a connection that carried {@code marker} (an order's external id in a statement) is applied by
     * PostgreSQL, but its answer never arrives: the proxy closes that connection instead of forwarding it.
     */
    public void loseCommitReplyOf(String marker) {
        loseCommitOf = marker.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an armed {@link #loseCommitReplyOf} has happened. */
    public boolean commitReplyLost() {
        return loseCommitOf == null;
    }

    private ServerSocket bind(int at) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), at), 100);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on " + at, e);
        }
    }

    private void startAccepting(ServerSocket listening) {
        Thread acceptor = new Thread(() -> accept(listening), "database-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket database = new Socket(InetAddress.getLoopbackAddress(), upstream.getAsInt());
                Link link = new Link(client, database);
                links.add(link);
                link.start();
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** One application connection and its PostgreSQL connection. */
    private final class Link {

        final Socket client;
        final Socket database;
        volatile boolean marked;
        volatile boolean silent = DatabaseProxy.this.silent;

        Link(Socket client, Socket database) {
            this.client = client;
            this.database = database;
        }

        void start() {
            pump(client, database, true);
            pump(database, client, false);
        }

        private void pump(Socket from, Socket to, boolean towardsDatabase) {
            Thread thread = new Thread(
                    () -> {
                        byte[] buffer = new byte[16 * 1024];
                        try (InputStream in = from.getInputStream();
                                OutputStream out = to.getOutputStream()) {
                            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                                awaitSpeaking(this);
                                if (!forward(buffer, read, towardsDatabase)) {
                                    return;
                                }
                                out.write(buffer, 0, read);
                                out.flush();
                            }
                        } catch (IOException | InterruptedException e) {
                            // one side closed: the other is closed below, as the network passes a close on
                        } finally {
                            if (silent && !closed) {
                                // nothing reaches the application, not even a close: its timeouts must see it
                                closeQuietly(database);
                            } else {
                                close();
                            }
                        }
                    },
                    "database-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        /** False when this chunk is the armed COMMIT answer: it is dropped and the connection dies. */
        private boolean forward(byte[] chunk, int length, boolean towardsDatabase) {
            byte[] marker = loseCommitOf;
            if (marker == null) {
                return true;
            }
            if (towardsDatabase) {
                marked |= indexOf(chunk, length, marker) >= 0;
                return true;
            }
            if (marked && indexOf(chunk, length, COMMIT_COMPLETE) >= 0) {
                loseCommitOf = null;
                return false;
            }
            return true;
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(database);
        }
    }

    /** A silent link's bytes go nowhere, until the proxy closes. */
    private void awaitSpeaking(Link link) throws InterruptedException {
        synchronized (gate) {
            while (link.silent && !closed) {
                gate.wait();
            }
        }
    }

    private static int indexOf(byte[] chunk, int length, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (chunk[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public synchronized void close() {
        closed = true;
        synchronized (gate) {
            gate.notifyAll();
        }
        closeQuietly(server);
        links.forEach(Link::close);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            if (closeable instanceof Socket socket && !socket.isClosed()) {
                // RST rather than FIN where it matters little: either way the peer sees the connection end
                socket.setSoLinger(true, 0);
            }
            closeable.close();
        } catch (IOException | RuntimeException e) {
            // already closed
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
