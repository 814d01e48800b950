package io.ticketrail.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every instant in an answer, a diff or the log reads exactly as before the fast path: clients and the log's
 * readers parse these strings, and a view encoded twice must give the same bytes.
 */
@QuarkusTest
class LeanJsonEncodingTest {

    @Inject
    ObjectMapper json;

    @Test
    void instantsReadAsIsoInstantWrites() throws JsonProcessingException {
        // the fast path is the one in use, not Quarkus's Java time module
        assertThat(json.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(IsoInstantSerializer.class);
        Random random = new Random(20261205);
        long last = Instant.parse("9999-12-31T23:59:59.999999999Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant =
                    Instant.ofEpochSecond(Math.floorMod(random.nextLong(), last + 1), nanosOfEveryPrecision(random, i));
            assertThat(json.writeValueAsString(instant)).isEqualTo(quoted(instant));
        }
    }

    @Test
    void edgesAndInstantsOutsideTheFourDigitYearsReadTheSame() throws JsonProcessingException {
        List<Instant> edges = List.of(
                Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("2024-02-29T23:59:59.000001Z"),
                Instant.parse("2026-12-31T00:00:00.100Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-06-15T12:30:00.5Z"),
                Instant.MIN,
                Instant.MAX,
                Instant.now(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        for (Instant instant : edges) {
            assertThat(json.writeValueAsString(instant)).isEqualTo(quoted(instant));
        }
    }

    /** The answers' bean properties go through the lean path too, and read as they did. */
    @Test
    void aRecordWithInstantsReadsAsBefore() throws JsonProcessingException {
        Instant at = Instant.parse("2026-12-05T22:24:19.914049Z");
        assertThat(json.writeValueAsString(new Stamped("grill", at, null)))
                .isEqualTo("{\"station\":\"grill\",\"at\":\"2026-12-05T22:24:19.914049Z\",\"until\":null}");
        assertThat(json.getRegisteredModuleIds()).contains("com.fasterxml.jackson.module.blackbird.BlackbirdModule");
    }

    record Stamped(String station, Instant at, Instant until) {}

    private static int nanosOfEveryPrecision(Random random, int i) {
        return switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
    }

    private static String quoted(Instant instant) {
        return '"' + DateTimeFormatter.ISO_INSTANT.format(instant) + '"';
    }
}
