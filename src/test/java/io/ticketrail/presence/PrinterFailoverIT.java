package io.ticketrail.presence;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ticketrail.testsupport.AppProcess;
import io.ticketrail.testsupport.Instances;
import io.ticketrail.testsupport.MultiInstanceProfile;
import io.ticketrail.testsupport.TestPrinter;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The evaluating instance dies after the printer took a ticket and before the print was recorded. The next leader
 * prints it again: the kitchen gets the ticket (twice, which beats never), and the log records it once.
 */
@QuarkusTest
@TestProfile(PrinterFailoverIT.NotEvaluating.class)
class PrinterFailoverIT extends Instances {

    /** The test's own instance places orders and reads the log, but leaves evaluating and printing to B and C. */
    public static class NotEvaluating extends MultiInstanceProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("ticketrail.presence.evaluate-every", "1h");
            return overrides;
        }
    }

    @Test
    void aLeaderKilledMidPrintLosesNoTicketAndTheLogRecordsItOnce() {
        Map<String, String> settings = new HashMap<>(MultiInstanceProfile.FEED);
        settings.put("ticketrail.presence.unseen-after", "1h");
        settings.put("ticketrail.presence.no-screen-after", "1h");
        AppProcess b = AppProcess.launch("b", settings);
        AppProcess c = AppProcess.launch("c", settings);
        try (TestPrinter printer = new TestPrinter()) {
            b.awaitReady();
            c.awaitReady();
            printer.hold();
            String location = PrinterFallbackTest.kitchenWithGrillPrinter(printer.address(), false);
            screens.connect(c.baseUri(), location, "view=station&station=fry");

            int number = placed(location, burgerAndFries()).jsonPath().getInt("number");

            await().atMost(Duration.ofSeconds(15)).until(() -> printer.statusRequests() >= 1);
            AppProcess leader = List.of(b, c).stream()
                    .filter(p -> p.logTail(400).contains("now evaluates"))
                    .findFirst()
                    .orElseThrow();
            leader.close();
            printer.release();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Alarms.entries(location, "TICKET_PRINTED").size() == 1);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> Alarms.entries(location, "TICKET_PRINTED").size() == 1);
            assertThat(printer.tickets())
                    .as("the dead leader's slip and the new leader's")
                    .hasSize(2)
                    .allSatisfy(t -> assertThat(t.lines().get(0)).isEqualTo("#" + number + " DINE IN"))
                    .allSatisfy(t -> assertThat(t.cut()).isTrue());
            assertThat(printer.errors()).isEmpty();
        } finally {
            b.close();
            c.close();
        }
    }
}
