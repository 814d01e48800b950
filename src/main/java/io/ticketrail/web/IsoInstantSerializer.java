package io.ticketrail.web;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * An instant as {@link DateTimeFormatter#ISO_INSTANT} writes it ({@code 2026-12-05T22:24:19.914Z}: the fraction in
 * groups of three digits, none when whole), written digit by digit. Every order view and diff carries several
 * instants, and the formatter's general machinery was a twentieth of the CPU a command costs (docs/performance.md,
 * "Instants and bean properties without the general machinery"). Instants before 1970 or after 9999 take the
 * formatter itself.
 */
public final class IsoInstantSerializer extends StdSerializer<Instant> {

    /** 9999-12-31T23:59:59Z: later years take five digits and a sign. */
    private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

    private static final int SECONDS_PER_DAY = 86_400;

    // a new array per instant, not one per thread: the thread-local lookup cost more than the allocation, its map
    // cold again after every wake-up (docs/performance.md, "Projections without streams")
    private static final int TEXT_LENGTH = 30;

    public IsoInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        write(value, generator);
    }

    /** Writes a non-null instant as this serializer does, for code that writes JSON without databind. */
    public static void write(Instant value, JsonGenerator generator) throws IOException {
        char[] text = new char[TEXT_LENGTH];
        int length = format(value, text);
        if (length < 0) {
            generator.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
        } else {
            generator.writeString(text, 0, length);
        }
    }

    /** The instant as text, or null outside the years 1970-9999. */
    public static String text(Instant value) {
        char[] text = new char[TEXT_LENGTH];
        int length = format(value, text);
        return length < 0 ? null : new String(text, 0, length);
    }

    /** Writes the instant into {@code text} (TEXT_LENGTH chars); returns its length, or -1 outside 1970-9999. */
    static int format(Instant value, char[] text) {
        long seconds = value.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FOUR_DIGIT_SECOND) {
            return -1;
        }
        LocalDate date = LocalDate.ofEpochDay(seconds / SECONDS_PER_DAY);
        int secondOfDay = (int) (seconds % SECONDS_PER_DAY);
        int at = digits(text, 0, date.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, date.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, date.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, secondOfDay / 3600, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay / 60 % 60, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay % 60, 2);
        int nanos = value.getNano();
        if (nanos != 0) {
            text[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = digits(text, at, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                at = digits(text, at, nanos / 1_000, 6);
            } else {
                at = digits(text, at, nanos, 9);
            }
        }
        text[at++] = 'Z';
        return at;
    }

    /** {@code value} in exactly {@code count} digits, zero-padded, at {@code at}; returns the position after them. */
    private static int digits(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + count;
    }
}
