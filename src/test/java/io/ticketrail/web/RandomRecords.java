package io.ticketrail.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random instances of a record, built from its components by reflection: a component added to a record gets values
 * here without a change, so a test comparing two encoders of the record notices a writer that forgot it. Reference
 * components are null one time in five; text mixes what JSON must escape (but U+0000, which no input
 * accepts) with non-ASCII, surrogate pairs and a lone surrogate.
 */
public final class RandomRecords {

    private static final String[] PIECES = {
        "a",
        "Burger",
        " ",
        "\"",
        "\\",
        "/",
        "\n",
        "\t",
        "\u0001",
        "\u001f",
        "\u007f",
        "é",
        "ß",
        "中",
        "\uD83C\uDF54",
        "\uD800",
        "\u2028",
        "</script>",
        "'",
        "&",
        "%",
        "0",
        "-",
        "+1",
    };

    private final Random random;

    public RandomRecords(long seed) {
        this.random = new Random(seed);
    }

    public <T extends Record> T next(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getGenericType(), types[i].isPrimitive());
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    /** Instants of every precision PostgreSQL and clients give, and now and then one outside the years 1970-9999. */
    public Instant instant() {
        if (random.nextInt(50) == 0) {
            return random.nextBoolean()
                    ? Instant.parse("1969-07-20T20:17:40.5Z")
                    : Instant.parse("+12026-01-01T00:00:00Z");
        }
        long seconds = 1_700_000_000L + random.nextInt(200_000_000);
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    public <T extends Record> List<T> list(Class<T> type, int max) {
        List<T> list = new ArrayList<>();
        int size = random.nextInt(max + 1);
        for (int i = 0; i < size; i++) {
            list.add(next(type));
        }
        return list;
    }

    private Object value(Type type, boolean primitive) {
        if (!primitive && random.nextInt(5) == 0) {
            return null;
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            List<Object> values = new ArrayList<>();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                values.add(value(list.getActualTypeArguments()[0], false));
            }
            return values;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return text();
        } else if (raw == UUID.class) {
            return new UUID(random.nextLong(), random.nextLong());
        } else if (raw == Instant.class) {
            return instant();
        } else if (raw == int.class || raw == Integer.class) {
            return random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(20);
        } else if (raw == long.class || raw == Long.class) {
            return random.nextInt(3) == 0 ? random.nextLong() : (long) random.nextInt(1000);
        } else if (raw == boolean.class || raw == Boolean.class) {
            return random.nextBoolean();
        } else if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        } else if (raw.isRecord()) {
            return next(raw.asSubclass(Record.class));
        }
        throw new IllegalArgumentException("No random value for " + type);
    }
}
