package io.ticketrail.config;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A read queued in a local transaction ({@link TransactionConnection#readLater}): it travels in one round trip with
 * the writes and reads queued before and after it, sent when the first of them is needed. What its reader threw
 * (a location that does not exist) is thrown by {@link #get()}, so the reads after it in the round trip are still
 * taken.
 */
public final class Pending<T> implements RoundTrip.Results {

    /** Reads a part's results; the statement stands at the part's first result. */
    public interface Reader<T> {
        T read(PreparedStatement statement) throws SQLException;
    }

    private final Reader<T> reader;
    private final Runnable send;
    private boolean taken;
    private T value;
    private RuntimeException refused;

    Pending(Reader<T> reader, Runnable send) {
        this.reader = reader;
        this.send = send;
    }

    @Override
    public void take(PreparedStatement statement) throws SQLException {
        try {
            value = reader.read(statement);
        } catch (RuntimeException e) {
            refused = e;
        }
        taken = true;
    }

    /** What was read; sends the round trip it waits in first, if it has not gone yet. */
    public T get() {
        if (!taken) {
            send.run();
        }
        if (!taken) {
            throw new IllegalStateException("A read was asked for outside the transaction that queued it");
        }
        if (refused != null) {
            throw refused;
        }
        return value;
    }
}
