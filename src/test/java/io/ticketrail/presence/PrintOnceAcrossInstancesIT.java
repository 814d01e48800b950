package io.ticketrail.presence;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.AppProcess;
import io.ticketrail.testsupport.Instances;
import io.ticketrail.testsupport.MultiInstanceProfile;
import io.ticketrail.testsupport.TestPrinter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worst case for "each change prints once": two instances that both think they lead (B is started with
 * another leader lock, as after a split brain) evaluate the same location at the same time. The alarm is raised
 * once and every change prints once, because raising checks the alarm row under the stream lock and printing
 * checks the print record under the printer's lock.
 */
@QuarkusTest
class PrintOnceAcrossInstancesIT extends Instances {

    private static AppProcess b;

    @BeforeAll
    static void startSecondLeader() {
        Map<String, String> settings = new HashMap<>(MultiInstanceProfile.FEED);
        settings.put("ticketrail.presence.leader-lock", "ticketrail.presence.second-leader");
        // as the test profile: only locations that set their own thresholds raise alarms here
        settings.put("ticketrail.presence.unseen-after", "1h");
        settings.put("ticketrail.presence.no-screen-after", "1h");
        b = AppProcess.start("b", settings);
    }

    @AfterAll
    static void stopSecondLeader() {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void twoLeadersRaiseOneAlarmAndPrintEachChangeOnce() {
        try (TestPrinter printer = new TestPrinter()) {
            String location = PrinterFallbackTest.kitchenWithGrillPrinter(printer.address(), false);
            screens.connect(b.baseUri(), location, "view=station&station=fry");

            placedId(location, burgerAndFries());
            placedId(b.baseUri(), location, burgerAndFries());
            placedId(location, burgerAndFries());

            await().atMost(Duration.ofSeconds(15)).until(() -> printer.tickets().size() >= 3);
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> printer.tickets().size() == 3);
            assertThat(printer.tickets()).extracting(t -> t.lines().get(0)).doesNotHaveDuplicates();
            assertThat(Alarms.entries(location, "TICKET_PRINTED")).hasSize(3);
            assertThat(Alarms.entries(location, "STATION_ALARM_RAISED")).hasSize(1);
            assertThat(printer.errors()).isEmpty();
        }
    }
}
