package io.ticketrail.feed;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.place;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Problems.problem;
import static io.ticketrail.testsupport.Problems.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;

/** A command is one transaction: committed, it notifies listeners; rolled back, it leaves no trace anywhere. */
@QuarkusTest
class RollbackTest {

    private static final Duration NOTIFY_WITHIN = Duration.ofSeconds(10);

    @Test
    void aCommittedCommandNotifiesLocationAndSeq() throws Exception {
        String location = createLocation();
        try (Db.Listener listener = Db.listen(EventLog.CHANNEL)) {
            placed(location, burgerAndFries());

            assertThat(listener.receiveUntil(location + ":1", p -> p.startsWith(location + ":"), NOTIFY_WITHIN))
                    .containsExactly(location + ":1");
        }
    }

    /**
     * A deferred constraint trigger fails the command at COMMIT, after every statement of it (event insert, head
     * update, pg_notify) has run: the hardest place to roll back from.
     */
    @Test
    void aCommandThatFailsAtCommitLeavesNoEventAndNoNotification() throws Exception {
        String location = createLocation();
        String trigger = "fail_commit_" + location.replace('-', '_');
        try (Db.Listener listener = Db.listen(EventLog.CHANNEL)) {
            try {
                Db.execute("""
                        create function %1$s() returns trigger language plpgsql as $$
                        begin
                            if new.location_id = '%2$s' then
                                raise exception 'test refuses the commit of %2$s';
                            end if;
                            return null;
                        end $$""".formatted(trigger, location));
                Db.execute("create constraint trigger %1$s after insert on order_event deferrable initially deferred "
                        .formatted(trigger) + "for each row execute function %1$s()".formatted(trigger));

                Response failed = refused(location, () -> place(location, burgerAndFries()));

                assertThat(failed.statusCode()).isBetween(500, 599);
                problem(failed, failed.statusCode());
                assertThat(failed.asString()).doesNotContain("test refuses", "order_event");
            } finally {
                Db.execute("drop trigger if exists %1$s on order_event".formatted(trigger));
                Db.execute("drop function if exists %1$s()".formatted(trigger));
            }
            assertThat(Db.head(location)).isZero();

            placed(location, burgerAndFries());
            placed(location, burgerAndFries());

            // notifications arrive in commit order: had the failed command notified, its ":1" would come first
            List<String> received = listener.receiveUntil(location + ":2", p -> p.startsWith(location + ":"),
                    NOTIFY_WITHIN);
            assertThat(received).containsExactly(location + ":1", location + ":2");
        }
    }
}
