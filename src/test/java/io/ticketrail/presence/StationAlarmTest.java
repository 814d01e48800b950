package io.ticketrail.presence;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Metrics;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.presence.Alarms.NO_SCREEN_AFTER_SECONDS;
import static io.ticketrail.presence.Alarms.UNSEEN_AFTER_SECONDS;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Nobody cooks blind: a station whose screens did not show a ticket raises an alarm within seconds. */
@QuarkusTest
class StationAlarmTest extends WithScreens {

    /** The promise: the alarm is up within the threshold and 2 s. */
    private static final Duration RAISED_WITHIN = Duration.ofSeconds(UNSEEN_AFTER_SECONDS + 2);

    @Test
    void aStationWhoseOnlyScreenDiedRaisesTheAlarmAndItClearsWhenAScreenAcknowledgesAgain() {
        String location = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        screens.connect(base, location, "view=station&station=fry");
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        await().atMost(WAIT).until(() -> grill.acksSent() > 0);
        grill.close();

        int number = placed(location, burgerAndFries()).jsonPath().getInt("number");

        await().atMost(RAISED_WITHIN)
                .untilAsserted(() -> assertThat(Alarms.open(location, "grill", "STATION"))
                        .singleElement()
                        .satisfies(alarm -> {
                            assertThat(alarm.detail().reasons()).contains("UNSEEN");
                            assertThat(alarm.detail().tickets())
                                    .extracting(Alarms.Ticket::number)
                                    .containsExactly(number);
                        }));
        assertThat(Alarms.open(location, "fry", "STATION"))
                .as("fry's screen showed it")
                .isEmpty();
        assertThat(Alarms.entries(location, "STATION_ALARM_RAISED"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo("system");
                    assertThat(entry.orderId()).isNull();
                    assertThat(entry.order()).containsEntry("station", "grill");
                });
        Metrics metrics = Metrics.scrape();
        assertThat(metrics.sum("ticketrail_station_alarm", "location=" + location, "station=grill"))
                .isEqualTo(1);
        assertThat(metrics.sum("ticketrail_station_unseen_tickets", "location=" + location, "station=grill"))
                .isEqualTo(1);
        assertThat(metrics.sum("ticketrail_station_live_screens", "location=" + location, "station=fry"))
                .isEqualTo(1);
        assertThat(metrics.sum("ticketrail_station_alarms_raised_total", "location=" + location, "station=grill"))
                .isEqualTo(1);

        screens.connect(base, location, "view=station&station=grill");

        await().atMost(WAIT).until(() -> Alarms.open(location).isEmpty());
        assertThat(Alarms.entries(location, "STATION_ALARM_CLEARED")).hasSize(1);
        assertThat(Alarms.entries(location, "STATION_ALARM_RAISED"))
                .as("raised once, not once per round")
                .hasSize(1);
        assertThat(Metrics.scrape().sum("ticketrail_station_alarm", "location=" + location, "station=grill"))
                .isZero();
    }

    @Test
    void aConnectedScreenThatStopsAcknowledgingIsFrozenAndRaisesTheAlarm() {
        String location = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        screens.connect(base, location, "view=station&station=fry");
        FeedClient grill = screens.connectFrozen(base, location, "view=station&station=grill");

        placed(location, burgerAndFries());

        await().atMost(RAISED_WITHIN.plusSeconds(1))
                .untilAsserted(() -> assertThat(Alarms.open(location, "grill", "STATION"))
                        .singleElement()
                        .satisfies(alarm -> assertThat(alarm.detail().reasons()).contains("FROZEN", "UNSEEN")));
        assertThat(grill.isOpen()).as("still connected").isTrue();
        assertThat(grill.state().orders())
                .as("it was sent the ticket, it just never said it showed it")
                .hasSize(1);
    }

    @Test
    void aStationWithOpenTicketsAndNoScreenAtAllRaisesTheAlarm() {
        String location = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        screens.connect(base, location, "view=station&station=fry");

        placed(location, burgerAndFries());

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Alarms.open(location, "grill", "STATION"))
                        .singleElement()
                        .satisfies(alarm -> assertThat(alarm.detail().reasons()).contains("NO_SCREEN")));
    }

    /** One location's unreadable log entry must not leave another kitchen without its alarm. */
    @Test
    void anUnreadableEntryAtOneLocationDoesNotStopAnotherLocationsAlarm() {
        String broken = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        placed(broken, burgerAndFries());
        Db.execute("update order_event set type = 'NOT_A_TYPE' where location_id = '" + broken + "' and seq = 1");
        String location = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        screens.connect(base, location, "view=station&station=fry");

        placed(location, burgerAndFries());

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Alarms.open(location, "grill", "STATION"))
                        .singleElement()
                        .satisfies(alarm -> assertThat(alarm.detail().reasons()).contains("NO_SCREEN")));
    }

    @Test
    void screensThatAcknowledgeRaiseNothing() {
        String location = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        screens.connect(base, location, "view=station&station=fry");
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");

        placed(location, burgerAndFries());
        await().atMost(WAIT).until(() -> grill.state().orders().size() == 1);

        // quiet from here on: only pings reach the screens, and a quiet screen is not a blind station, also past
        // the location's silence threshold and the unseen threshold after it
        await().during(Duration.ofSeconds(NO_SCREEN_AFTER_SECONDS + UNSEEN_AFTER_SECONDS + 3))
                .atMost(Duration.ofSeconds(NO_SCREEN_AFTER_SECONDS + UNSEEN_AFTER_SECONDS + 13))
                .until(() -> Alarms.open(location).isEmpty());
        assertThat(Alarms.entries(location, "STATION_ALARM_RAISED")).isEmpty();
    }
}
