package io.ticketrail.stats;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.order;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class StatsResourceTest {

    private static final String CSV = LOCATION + "/reports/completed.csv";

    @Test
    void speedOfServiceCountsEachStationsTicketsOfTheLastHour() {
        String location = createLocation();
        String first = placedId(
                location, order("pos-a-" + location, List.of(item("Burger", "burgers"), item("Fries", "fries"))));
        String second = placedId(location, order("pos-b-" + location, List.of(item("Burger", "burgers"))));
        command(location, first, "stations/grill/bump").then().statusCode(200);
        command(location, first, "stations/fry/bump").then().statusCode(200);
        command(location, second, "stations/grill/bump").then().statusCode(200);

        JsonPath stats = Auth.asManagerBare()
                .get(LOCATION + "/stats", location)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(stats.getList("stations.station", String.class)).containsExactly("fry", "grill");
        assertThat(stats.getList("stations.tickets", Integer.class)).containsExactly(1, 2);
        assertThat(stats.getDouble("stations[1].p90Seconds"))
                .isGreaterThanOrEqualTo(stats.getDouble("stations[1].averageSeconds") - 0.001);
        assertThat(stats.getInt("orders.tickets")).isEqualTo(2);
        assertThat(stats.getList("late")).isEmpty();
        assertThat(stats.getList("ordersPer15Minutes")).hasSize(16);
        assertThat(stats.getList("ordersPer15Minutes.orders", Integer.class).stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(2);
    }

    @Test
    void completedOrdersExportAsCsvWithSpreadsheetSafeCells() {
        String location = createLocation();
        String id = placedId(
                location,
                Map.of(
                        "externalId",
                        "pos-csv-" + location,
                        "channel",
                        "TAKEOUT",
                        "customerName",
                        "=HYPERLINK(\"x\"), Ana",
                        "items",
                        List.of(item("Burger", "burgers"))));
        placedId(location, order("pos-open-" + location, List.of(item("Burger", "burgers"))));
        command(location, id, "stations/grill/bump").then().statusCode(200);
        command(location, id, "complete").then().statusCode(200);
        String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();

        String csv = Auth.asManagerBare()
                .queryParam("from", today)
                .queryParam("to", today)
                .get(CSV, location)
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("number,external_id,channel,");
        assertThat(lines.get(1)).startsWith("1,pos-csv-" + location + ",TAKEOUT,,\"'=HYPERLINK(\"\"x\"\"), Ana\",");
    }

    @Test
    void badReportRangesAreProblems() {
        String location = createLocation();
        Auth.asManagerBare().get(CSV, location).then().statusCode(400).contentType("application/problem+json");
        Auth.asManagerBare()
                .queryParam("from", "2026-13-01")
                .queryParam("to", "2026-12-01")
                .get(CSV, location)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Auth.asManagerBare()
                .queryParam("from", "2026-12-02")
                .queryParam("to", "2026-12-01")
                .get(CSV, location)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Auth.asManagerBare()
                .queryParam("from", "2024-01-01")
                .queryParam("to", "2026-12-01")
                .get(CSV, location)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Auth.asManagerBare()
                .queryParam("from", "2026-12-01")
                .queryParam("to", "2026-12-01")
                .get(CSV, "no-such-place")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
