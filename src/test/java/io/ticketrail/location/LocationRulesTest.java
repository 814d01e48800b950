package io.ticketrail.location;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules an order command reads: routing by category and which stations take items. Plain JUnit. */
class LocationRulesTest {

    private static LocationRules rules() {
        return new LocationRules(
                "bistro",
                ZoneId.of("Europe/Berlin"),
                "grill",
                true,
                Duration.ofMinutes(5),
                Optional.empty(),
                Map.of("grill", StationKind.PREP, "fry", StationKind.PREP, "pass", StationKind.EXPO),
                Map.of("fries", "fry"));
    }

    @Test
    void itemsGoByTheirCategoryWhateverItsCaseElseToTheDefaultStation() {
        assertThat(rules().routeCategory(" Fries ")).isEqualTo("fry");
        assertThat(rules().routeCategory("salad")).isEqualTo("grill");
        assertThat(rules().routeCategory(null)).isEqualTo("grill");
    }

    @Test
    void onlyPrepStationsTakeItemsButEveryStationExists() {
        assertThat(rules().hasPrepStation("fry")).isTrue();
        assertThat(rules().hasPrepStation("pass")).isFalse();
        assertThat(rules().hasStation("pass")).isTrue();
        assertThat(rules().hasPrepStation("nowhere")).isFalse();
    }

    @Test
    void rulesCannotBeChangedThroughWhatTheyWereBuiltFrom() {
        Map<String, String> routes = new HashMap<>(Map.of("fries", "fry"));
        LocationRules rules = new LocationRules(
                "bistro", ZoneId.of("UTC"), "grill", false, Duration.ZERO, Optional.empty(), Map.of(), routes);
        routes.put("salad", "fry");
        assertThat(rules.routeCategory("salad")).isEqualTo("grill");
        assertThat(rules.readyWhenItemsDone()).isTrue();
        assertThatThrownBy(() -> rules.routes().put("soup", "fry")).isInstanceOf(UnsupportedOperationException.class);
    }
}
