package io.ticketrail.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.zip.Deflater;

/**
 * What permessage-deflate (RFC 7692) would cost the server per message and per screen, measured rather than guessed:
 * raw deflate at Netty's and Vert.x's default level 6, flushed per message, one compressor per connection kept
 * across messages (context takeover, what browsers offer). The server cannot share the result between screens: each
 * connection's compressor has its own history, so the cost is paid once per screen for every message.
 *
 * <p>Run with {@code bench/run deflate-cost}; docs/performance.md ("Per-message compression") has the result.
 */
public final class DeflateCost {

    private static final int WARMUP = 20_000;
    private static final int MEASURED = 100_000;

    private DeflateCost() {
    }

    public static void main(String[] args) {
        System.out.println("| message | bytes | deflated bytes | ratio | CPU per message and screen (us) |");
        System.out.println("|---|---|---|---|---|");
        measure("a diff, one order upserted (a bump)", 1000, () -> diff(1));
        measure("a diff, three orders (a resume's catch-up)", 1000, () -> diff(3));
        measure("a ping", 1000, DeflateCost::ping);
        measure("a snapshot, 40 open orders (a station at the rush)", 50, () -> snapshot(40));
    }

    /**
     * Messages that differ as real ones do (ids, times, seqs), so the compressor's history does not turn a repeated
     * message into a few bytes.
     */
    private static void measure(String name, int variants, Supplier<String> message) {
        byte[][] messages = new byte[variants][];
        int largest = 0;
        for (int i = 0; i < variants; i++) {
            messages[i] = message.get().getBytes(StandardCharsets.UTF_8);
            largest = Math.max(largest, messages[i].length);
        }
        byte[] out = new byte[largest * 2 + 64];
        Deflater deflater = new Deflater(6, true);
        int rounds = Math.max(1, MEASURED / variants);
        for (int i = 0; i < WARMUP; i++) {
            deflate(deflater, messages[i % variants], out);
        }
        long in = 0;
        long deflated = 0;
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (byte[] each : messages) {
                in += each.length;
                deflated += deflate(deflater, each, out);
            }
        }
        long count = (long) rounds * variants;
        double micros = (System.nanoTime() - start) / 1_000.0 / count;
        deflater.end();
        System.out.printf(
                Locale.ROOT,
                "| %s | %,d | %,d | %.2f | %.2f |%n",
                name,
                in / count,
                deflated / count,
                (double) deflated / in,
                micros);
    }

    private static String ping() {
        return "{\"type\":\"ping\",\"seq\":" + ThreadLocalRandom.current().nextInt(1_000_000)
                + ",\"serverTime\":\"" + Instant.now() + "\"}";
    }

    /** One message through a connection's compressor: the steady state, where history from earlier ones helps. */
    private static long deflate(Deflater deflater, byte[] message, byte[] out) {
        deflater.setInput(message);
        long written = 0;
        int n;
        do {
            n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            written += n;
        } while (n == out.length);
        return written;
    }

    private static String diff(int orders) {
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i < orders; i++) {
            changes.append(i == 0 ? "" : ",").append("{\"op\":\"upsert\",\"order\":").append(order(i)).append('}');
        }
        return "{\"type\":\"diff\",\"epoch\":\"" + UUID.randomUUID() + "\",\"from\":41,\"to\":" + (41 + orders)
                + ",\"serverTime\":\"" + Instant.now() + "\",\"changes\":[" + changes + "]}";
    }

    private static String snapshot(int orders) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < orders; i++) {
            all.append(i == 0 ? "" : ",").append(order(i));
        }
        return "{\"type\":\"snapshot\",\"epoch\":\"" + UUID.randomUUID()
                + "\",\"seq\":412,\"serverTime\":\"2026-12-05T00:25:56.007688786Z\",\"orders\":[" + all + "]}";
    }

    /** An order as the feed sends it: two items on two stations, the shape of a burger-and-fries ticket. */
    private static String order(int number) {
        String placed = Instant.now().minusMillis(ThreadLocalRandom.current().nextInt(600_000)).toString();
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"externalId\":\"pos-" + (500 + number) + "-" + UUID.randomUUID()
                + "\",\"number\":" + (number + 1) + ",\"channel\":\"DINE_IN\",\"table\":\"" + (number % 30 + 1)
                + "\",\"priority\":\"NORMAL\",\"status\":\"NEW\",\"placedAt\":\"" + placed + "\",\"firedAt\":\""
                + placed + "\",\"version\":0,\"items\":[" + item("Cheeseburger", "grill", placed) + ","
                + item("Fries", "fry", placed) + "],\"stations\":[{\"station\":\"grill\",\"total\":1,\"done\":0},"
                + "{\"station\":\"fry\",\"total\":1,\"done\":0}],\"notices\":[]}";
    }

    private static String item(String name, String station, String firedAt) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"" + name
                + "\",\"qty\":1,\"modifiers\":[],\"allergens\":[],\"course\":1,\"station\":\"" + station
                + "\",\"status\":\"QUEUED\",\"changed\":false,\"firedAt\":\"" + firedAt + "\"}";
    }
}
