package io.ticketrail.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Values of native-query rows, as Hibernate hands them over. */
final class Rows {

    private Rows() {}

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Instant i ? i : ((Timestamp) value).toInstant();
    }

    static List<String> strings(Object array) {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array));
    }
}
