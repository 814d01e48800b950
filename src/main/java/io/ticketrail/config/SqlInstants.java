package io.ticketrail.config;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.ticketrail.web.IsoInstantSerializer;

/**
 * Binds an instant to a {@code timestamptz} parameter as its ISO-8601 text, the way the driver sends timestamps
 * anyway (text, for PostgreSQL to parse), without the driver's calendar-based formatting: a command binds a dozen
 * or more, and that formatting was 2.6% of the server's CPU (docs/performance.md, "Per-message machinery, second
 * pass"). The parameter's type is left to PostgreSQL, which takes it from the column or the expression.
 */
public final class SqlInstants {

    private SqlInstants() {}

    /** The instant as the ISO-8601 text PostgreSQL reads into a timestamptz (an array's element, say); null for null. */
    public static String text(Instant value) {
        if (value == null) {
            return null;
        }
        String text = IsoInstantSerializer.text(value);
        return text != null ? text : value.toString();
    }

    public static void set(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            return;
        }
        String text = IsoInstantSerializer.text(value);
        if (text == null) {
            // before 1970 or after 9999: the driver's own text, as always
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        } else {
            statement.setObject(index, text, Types.OTHER);
        }
    }
}
