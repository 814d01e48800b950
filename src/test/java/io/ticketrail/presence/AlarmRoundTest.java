package io.ticketrail.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.TestPrinter;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.presence.Alarms.UNSEEN_AFTER_SECONDS;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alarm leader judges every location each round from a few reads of the log shared by all of them, and one
 * location's unreadable entry still fails only that location.
 */
@QuarkusTest
class AlarmRoundTest extends WithScreens {

    /** Thirty orders are placed one after the other first; then the threshold and 2 s. */
    private static final Duration RAISED_WITHIN =
            Duration.ofSeconds(UNSEEN_AFTER_SECONDS + 2).plus(WAIT);

    @Inject
    MeterRegistry registry;

    @Test
    void thirtyLocationsAreJudgedEachRoundFromAFewReadsOfTheLog() {
        List<String> watched = new ArrayList<>();
        List<String> blind = new ArrayList<>();
        List<FeedClient> grills = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String location = createLocation(Map.of("alarm", Alarms.shortThresholds()));
            screens.connect(base, location, "view=station&station=fry");
            grills.add(screens.connect(base, location, "view=station&station=grill"));
            watched.add(location);
            String noGrillScreen = createLocation(Map.of("alarm", Alarms.shortThresholds()));
            screens.connect(base, noGrillScreen, "view=station&station=fry");
            blind.add(noGrillScreen);
        }
        await().atMost(WAIT).until(() -> grills.stream().allMatch(g -> g.acksSent() > 0));
        double roundsBefore = count("ticketrail.presence.rounds");
        double readsBefore = count("ticketrail.presence.log.reads");

        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < 15; i++) {
            placed(watched.get(i), burgerAndFries());
            numbers.put(
                    blind.get(i),
                    placed(blind.get(i), burgerAndFries()).jsonPath().getInt("number"));
        }

        await().atMost(RAISED_WITHIN).untilAsserted(() -> {
            for (String location : blind) {
                assertThat(Alarms.open(location, "grill", "STATION"))
                        .as("the grill of %s has no screen", location)
                        .singleElement()
                        .satisfies(alarm -> {
                            assertThat(alarm.detail().reasons()).contains("UNSEEN");
                            assertThat(alarm.detail().tickets())
                                    .extracting(Alarms.Ticket::number)
                                    .containsExactly(numbers.get(location));
                        });
            }
        });
        // past the unseen threshold of the last order placed: every change was judged, and nothing was missed
        await().during(Duration.ofSeconds(UNSEEN_AFTER_SECONDS + 1))
                .atMost(Duration.ofSeconds(UNSEEN_AFTER_SECONDS + 11))
                .until(() -> watched.stream().allMatch(l -> Alarms.open(l).isEmpty()));
        for (String location : watched) {
            assertThat(Alarms.entries(location, "STATION_ALARM_RAISED"))
                    .as("both screens of %s acknowledged", location)
                    .isEmpty();
        }
        for (String location : blind) {
            assertThat(Alarms.open(location, "fry", "STATION"))
                    .as("the fry screen of %s acknowledged", location)
                    .isEmpty();
        }
        double rounds = count("ticketrail.presence.rounds") - roundsBefore;
        double reads = count("ticketrail.presence.log.reads") - readsBefore;
        // a round reads where new locations start, what every location logged, and the unknown orders' states
        // before: three at most, where a read per location would be thirty or more
        assertThat(rounds).isPositive();
        assertThat(reads).as("log reads in %s rounds", rounds).isLessThanOrEqualTo(3 * rounds);
    }

    @Test
    void unreadableEntriesFailOnlyTheirOwnLocationAndAreReadAgainOnceRepaired() {
        String unknownType = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        appendRaw(unknownType, "NOT_A_TYPE", "{}");
        int unknownTypeNumber = placed(unknownType, burgerAndFries()).jsonPath().getInt("number");
        String undecodable = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        appendRaw(undecodable, "ORDER_PLACED", "[]");
        int undecodableNumber = placed(undecodable, burgerAndFries()).jsonPath().getInt("number");
        String healthy = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        screens.connect(base, healthy, "view=station&station=fry");

        int number = placed(healthy, burgerAndFries()).jsonPath().getInt("number");

        await().atMost(RAISED_WITHIN)
                .untilAsserted(() -> assertThat(Alarms.open(healthy, "grill", "STATION"))
                        .singleElement()
                        .satisfies(alarm -> assertThat(alarm.detail().tickets())
                                .extracting(Alarms.Ticket::number)
                                .containsExactly(number)));

        // an entry no alarm looks at: the broken locations are read on from there, their orders judged
        Db.execute("update order_event set type = 'PRINTER_ALARM_CLEARED' where seq = 1 and location_id in ('"
                + unknownType + "', '" + undecodable + "')");
        await().atMost(RAISED_WITHIN).untilAsserted(() -> {
            assertThat(Alarms.open(unknownType, "grill", "STATION"))
                    .singleElement()
                    .satisfies(alarm -> assertThat(alarm.detail().tickets())
                            .extracting(Alarms.Ticket::number)
                            .containsExactly(unknownTypeNumber));
            assertThat(Alarms.open(undecodable, "grill", "STATION"))
                    .singleElement()
                    .satisfies(alarm -> assertThat(alarm.detail().tickets())
                            .extracting(Alarms.Ticket::number)
                            .containsExactly(undecodableNumber));
        });
    }

    /**
     * A change to an order the watch never saw placed (placed before a new leader's look-back) is judged against
     * the order's state before it, read from the log (a placed order is version 0): the blind grill's printer gets
     * the added burger only, not the whole order again.
     */
    @Test
    void aChangeToAnOrderPlacedBeforeTheLookBackPrintsOnlyWhatChanged() {
        try (TestPrinter printer = new TestPrinter()) {
            String location = PrinterFallbackTest.kitchenWithGrillPrinter(printer.address(), false);
            screens.connect(base, location, "view=station&station=fry");
            String order = placedId(location, burgerAndFries());
            // as if it was placed long ago; should the watch have read it first, it knows the state anyway
            Db.execute("update order_event set occurred_at = now() - interval '1 day' where location_id = '" + location
                    + "'");

            ok(command(location, order, "items", Map.of("items", List.of(item("Double burger", "burgers")))));

            await().atMost(RAISED_WITHIN)
                    .until(() ->
                            printer.tickets().stream().anyMatch(t -> t.lines().contains("*** ADDED ***")));
            assertThat(printer.tickets())
                    .filteredOn(t -> t.lines().contains("*** ADDED ***"))
                    .singleElement()
                    .satisfies(t -> assertThat(t.lines())
                            .contains("1x Double burger")
                            .noneMatch(l -> l.contains("Cheeseburger")));
        }
    }

    /** An entry written around the application (as a newer release or a damaged disk might leave it). */
    private static void appendRaw(String location, String type, String state) {
        Db.execute("""
                with s as (update location_stream set last_seq = last_seq + 1 where location_id = '%1$s'
                           returning last_seq)
                insert into order_event (location_id, seq, order_id, order_version, type, actor, occurred_at, state)
                select '%1$s', last_seq, gen_random_uuid(), 1, '%2$s', 'test', now(), '%3$s'::jsonb from s""".formatted(location, type, state));
    }

    private double count(String counter) {
        return registry.find(counter).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
