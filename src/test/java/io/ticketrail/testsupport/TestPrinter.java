package io.ticketrail.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network receipt printer on a real TCP port, as an Epson TM takes raw jobs on 9100: it reads each connection to
 * its end, answers real-time status requests, and parses the ESC/POS bytes into tickets (the text lines up to each
 * cut). Commands it does not know fail the parse, so a printer would not silently print garbage either.
 */
public final class TestPrinter implements AutoCloseable {

    private static final int ESC = 0x1b;
    private static final int GS = 0x1d;

    /** One cut-off slip: its text lines, and whether it was cut (a ticket without a cut never leaves the printer). */
    public record Ticket(List<String> lines, boolean cut) {}

    private final ServerSocket server;
    private final List<Ticket> tickets = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger statusRequests = new AtomicInteger();
    private volatile CountDownLatch held = new CountDownLatch(0);

    public TestPrinter() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "test-printer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code host:port} as a station's printer setting names it. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public List<Ticket> tickets() {
        return List.copyOf(tickets);
    }

    /** Parse failures; a test asserts there are none. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
    }

    /**
     * Holds back the answer to status requests until {@link #release()}: the sender then waits with its ticket
     * delivered and not yet recorded, the moment a test kills it in.
     */
    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    /** Status requests seen: one per ticket or probe a sender is waiting on. */
    public int statusRequests() {
        return statusRequests.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "test-printer-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    errors.add(String.valueOf(e.getMessage()));
                }
            }
        }
    }

    /** Reads a job to its end (or to the sender's death), answering DLE EOT 1 with "online, no error". */
    private void serve(Socket socket) {
        ByteArrayOutputStream job = new ByteArrayOutputStream();
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            int last = -1;
            int beforeLast = -1;
            for (int b; (b = in.read()) >= 0; ) {
                job.write(b);
                if (beforeLast == 0x10 && last == 0x04) {
                    statusRequests.incrementAndGet();
                    held.await();
                    out.write(0x16);
                    out.flush();
                }
                beforeLast = last;
                last = b;
            }
        } catch (IOException e) {
            // the sender went away mid-job: what arrived was printed all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            tickets.addAll(parse(job.toByteArray()));
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
        }
    }

    /** ESC/POS as the fallback sends it: ESC @, ESC d n, ESC E n, ESC ! n, ESC a n, GS ! n, GS V m [n], text. */
    static List<Ticket> parse(byte[] bytes) {
        List<Ticket> parsed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == ESC) {
                int command = bytes[++i];
                switch (command) {
                    case '@' -> {}
                    case 'd', 'E', '!', 'a', 't', '-' -> i++;
                    default -> throw new IllegalArgumentException("unknown command ESC " + command);
                }
            } else if (b == 0x10) {
                // DLE EOT n: a real-time status request, answered, not printed
                if (bytes[++i] != 0x04) {
                    throw new IllegalArgumentException("unknown command DLE " + bytes[i]);
                }
                i++;
            } else if (b == GS) {
                int command = bytes[++i];
                if (command == '!') {
                    i++;
                } else if (command == 'V') {
                    int mode = bytes[++i];
                    if (mode == 65 || mode == 66) {
                        i++;
                    }
                    if (line.size() > 0) {
                        lines.add(line.toString(StandardCharsets.US_ASCII));
                        line.reset();
                    }
                    parsed.add(new Ticket(List.copyOf(lines), true));
                    lines.clear();
                } else {
                    throw new IllegalArgumentException("unknown command GS " + command);
                }
            } else if (b == '\n') {
                lines.add(line.toString(StandardCharsets.US_ASCII));
                line.reset();
            } else if (b >= 0x20 && b < 0x7f) {
                line.write(b);
            } else {
                throw new IllegalArgumentException("byte " + b + " is not printable ASCII");
            }
        }
        if (!lines.isEmpty() || line.size() > 0) {
            parsed.add(new Ticket(List.copyOf(lines), false));
        }
        return parsed;
    }
}
