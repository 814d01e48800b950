package io.ticketrail.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.TestPrinter;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.ticketrail.presence.Alarms.UNSEEN_AFTER_SECONDS;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.kitchen;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When a station's screens do not show a ticket, its network printer prints it: once, with the right lines. */
@QuarkusTest
class PrinterFallbackTest extends WithScreens {

    private final TestPrinter printer = new TestPrinter();

    @AfterEach
    void stopPrinter() {
        printer.close();
    }

    @Test
    void aBlindStationsTicketPrintsExactlyOnceAndPrintingStopsWhenAScreenIsBack() {
        String location = kitchenWithGrillPrinter(printer.address(), false);
        screens.connect(base, location, "view=station&station=fry");

        Response order = placed(
                location,
                Map.of(
                        "externalId",
                        "pos-print-1",
                        "channel",
                        "DINE_IN",
                        "table",
                        "7",
                        "customerName",
                        "Ana",
                        "notes",
                        "birthday",
                        "items",
                        List.of(
                                Map.of(
                                        "name",
                                        "Cheeseburger",
                                        "qty",
                                        2,
                                        "category",
                                        "burgers",
                                        "modifiers",
                                        List.of("no onions"),
                                        "allergens",
                                        List.of("gluten"),
                                        "notes",
                                        "well done"),
                                item("Fries", "fries"))));
        int number = order.jsonPath().getInt("number");

        await().atMost(Duration.ofSeconds(UNSEEN_AFTER_SECONDS + 2))
                .until(() -> !printer.tickets().isEmpty());
        TestPrinter.Ticket ticket = printer.tickets().get(0);
        assertThat(ticket.cut()).isTrue();
        assertThat(ticket.lines().get(0)).isEqualTo("#" + number + " DINE IN");
        assertThat(ticket.lines())
                .contains(
                        "Table 7 / Ana",
                        "2x Cheeseburger",
                        "   + no onions",
                        "   ALLERGY: GLUTEN",
                        "   Note: well done",
                        "Order note: birthday");
        assertThat(ticket.lines()).as("fry's item is fry's").noneMatch(l -> l.contains("Fries"));
        assertThat(Alarms.entries(location, "TICKET_PRINTED"))
                .singleElement()
                .satisfies(e -> assertThat(e.order()).containsEntry("station", "grill"));

        // the alarm stays up, rounds go on: still one slip
        await().during(Duration.ofSeconds(3))
                .atMost(WAIT)
                .until(() -> printer.tickets().size() == 1);

        String orderId = order.jsonPath().getString("id");
        ok(command(location, orderId, "items", Map.of("items", List.of(item("Double burger", "burgers")))));
        await().atMost(Duration.ofSeconds(UNSEEN_AFTER_SECONDS + 3))
                .until(() -> printer.tickets().size() == 2);
        assertThat(printer.tickets().get(1).lines())
                .contains("*** ADDED ***", "1x Double burger")
                .doesNotContain("2x Cheeseburger");

        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        await().atMost(WAIT).until(() -> Alarms.open(location).isEmpty());

        ok(command(location, orderId, "cancel", Map.of("reason", "guest left")));
        // the grill keeps a CANCELLED card until a cook acknowledges it; it acknowledged the delivery already
        await().atMost(WAIT).until(() -> isCancelledOn(grill, orderId));
        await().during(Duration.ofSeconds(UNSEEN_AFTER_SECONDS + 2))
                .atMost(WAIT)
                .until(() -> printer.tickets().size() == 2);
        assertThat(printer.errors()).isEmpty();
    }

    @Test
    void alwaysPrintPrintsEveryTicketOnceEvenWithALiveScreen() {
        String location = kitchenWithGrillPrinter(printer.address(), true);
        screens.connect(base, location, "view=station&station=fry");
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        await().atMost(WAIT).until(() -> grill.acksSent() > 0);

        String orderId = placed(
                        location,
                        Map.of(
                                "externalId",
                                "pos-print-2",
                                "channel",
                                "TAKEOUT",
                                "customerName",
                                "Bo",
                                "items",
                                List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getString("id");
        ok(command(location, orderId, "cancel", Map.of("reason", "changed mind")));

        await().atMost(WAIT).until(() -> printer.tickets().size() == 2);
        assertThat(printer.tickets().get(0).lines()).contains("Bo", "1x Cheeseburger");
        assertThat(printer.tickets().get(1).lines())
                .contains("*** CANCELLED - DO NOT MAKE ***", "VOID 1x Cheeseburger");
        await().during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .until(() -> printer.tickets().size() == 2);
        assertThat(isCancelledOn(grill, orderId))
                .as("the screen showed it all along, as a CANCELLED card")
                .isTrue();
        assertThat(Alarms.entries(location, "STATION_ALARM_RAISED")).isEmpty();
    }

    @Test
    void aPrinterThatRefusesRaisesItsOwnAlarm() {
        printer.close();
        String location = kitchenWithGrillPrinter(printer.address(), false);
        screens.connect(base, location, "view=station&station=fry");

        placed(
                location,
                Map.of(
                        "externalId",
                        "pos-print-3",
                        "channel",
                        "DINE_IN",
                        "table",
                        "3",
                        "items",
                        List.of(item("Cheeseburger", "burgers"))));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Alarms.open(location, "grill", "PRINTER"))
                        .singleElement()
                        .satisfies(alarm -> assertThat(alarm.detail().printer()).isEqualTo(printer.address())));
        assertThat(Alarms.open(location, "grill", "STATION")).hasSize(1);
        assertThat(Alarms.entries(location, "PRINTER_ALARM_RAISED")).hasSize(1);
        assertThat(Alarms.entries(location, "TICKET_PRINTED")).isEmpty();
    }

    /** The test kitchen, with short alarm thresholds and the grill's tickets going to {@code printer}. */
    static String kitchenWithGrillPrinter(String printer, boolean alwaysPrint) {
        List<Map<String, Object>> stations = new ArrayList<>();
        stations.add(
                Map.of("id", "grill", "name", "Grill", "kind", "PREP", "printer", printer, "alwaysPrint", alwaysPrint));
        stations.add(Map.of("id", "fry", "name", "Fry", "kind", "PREP"));
        stations.add(Map.of("id", "expo", "name", "Expo", "kind", "EXPO"));
        Map<String, Object> settings = new HashMap<>(kitchen(false));
        settings.put("stations", stations);
        settings.put("alarm", Alarms.shortThresholds());
        return createLocation(settings);
    }

    private static boolean isCancelledOn(FeedClient screen, String orderId) {
        JsonNode shown = screen.state().orders().get(orderId);
        return shown != null && "CANCELLED".equals(shown.path("status").asText());
    }
}
