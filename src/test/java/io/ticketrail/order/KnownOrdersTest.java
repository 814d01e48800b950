package io.ticketrail.order;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Metrics;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.kitchenWith;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Api.putLocation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command on an order this instance's last command left (KnownOrders) goes in one round trip, assuming the log
 * is where that command left it; whatever moved the log since (another replica's command, a change of the location)
 * makes it run again the usual way, so its answer and its event are those of the order as it is.
 */
@QuarkusTest
class KnownOrdersTest {

    private static final String ASSUMED = "ticketrail_command_assumed_total";

    private static double assumed(String outcome) {
        return Metrics.scrape().sum(ASSUMED, "outcome=" + outcome);
    }

    /** What another replica's bump of one item does in its transaction: the row, the order's version, the entry. */
    private static void bumpedByAnotherReplica(String location, String order, String item) {
        Db.execute("""
                begin;
                select 1 from location_stream where location_id = '%1$s' for update;
                update order_item set status = 'DONE', done_at = now() where id = '%3$s';
                update kitchen_order set version = version + 1, updated_at = now() where id = '%2$s';
                insert into order_event (location_id, seq, order_id, order_version, type, actor, occurred_at, state)
                select '%1$s', s.last_seq + 1, o.id, o.version, 'ITEM_BUMPED', 'test:other-replica', now(),
                       (select state from order_event where order_id = o.id order by seq desc limit 1)
                from location_stream s, kitchen_order o where s.location_id = '%1$s' and o.id = '%2$s';
                update location_stream set last_seq = last_seq + 1 where location_id = '%1$s';
                commit""".formatted(location, order, item));
    }

    /** A ticket of three items, for the grill and the fry station, at a new location. */
    private record Ticket(String location, String order, List<String> items) {

        static Ticket placedWithThreeItems() {
            String location = createLocation();
            Response placed = placed(
                    location,
                    orderOf(List.of(
                            item("Cheeseburger", "burgers"), item("Fries", "fries"), item("Slider", "burgers"))));
            return new Ticket(location, placed.jsonPath().getString("id"), itemIds(placed));
        }

        Response bump(int item) {
            return command(location, order, "items/" + items.get(item) + "/bump");
        }

        /** An item command with one header, such as an Idempotency-Key or an If-Match. */
        Response itemCommand(String action, int item, String header, String value) {
            return json().header(header, value)
                    .post(ORDER + "/items/{item}/" + action, location, order, items.get(item));
        }

        void bumpedByAnotherReplica(int item) {
            KnownOrdersTest.bumpedByAnotherReplica(location, order, items.get(item));
        }
    }

    @Test
    void commandsOnAKnownOrderAssumeTheLogAndCommitInOrder() {
        Ticket ticket = Ticket.placedWithThreeItems();
        double held = assumed("held");

        ok(ticket.bump(0));
        ok(ticket.bump(1));
        Response last = ticket.bump(2);

        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.jsonPath().getString("status")).isEqualTo("READY");
        assertThat(last.jsonPath().getLong("version")).isEqualTo(3);
        // the placement read as usual (there was nothing to know); every bump after it assumed what the one before left
        assertThat(assumed("held") - held).isEqualTo(3);
        assertThat(Db.events(ticket.location()))
                .extracting(Db.Event::orderVersion)
                .containsExactlyElementsOf(LongStream.rangeClosed(0, 3).boxed().toList());
        assertThat(Db.seqs(ticket.location())).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void anotherReplicasCommandInBetweenIsSeenAndKept() {
        Ticket ticket = Ticket.placedWithThreeItems();
        ok(ticket.bump(0));
        double rerun = assumed("rerun");

        ticket.bumpedByAnotherReplica(1);
        Response after = ticket.bump(2);

        // the other replica's bump is in the answer, under the version after it, and the order is complete
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.jsonPath().getList("items.status")).containsOnly("DONE");
        assertThat(after.jsonPath().getString("status")).isEqualTo("READY");
        assertThat(after.jsonPath().getLong("version")).isEqualTo(3);
        assertThat(assumed("rerun") - rerun).isEqualTo(1);
        assertThat(Db.seqs(ticket.location())).containsExactly(1L, 2L, 3L, 4L);
        assertThat(Db.events(ticket.location()))
                .extracting(Db.Event::orderVersion)
                .containsExactly(0L, 1L, 2L, 3L);
        // what ran again the usual way is known once more: the next command assumes it, and holds
        double held = assumed("held");
        ok(command(ticket.location(), ticket.order(), "complete"));
        assertThat(assumed("held") - held).isEqualTo(1);
        assertThat(Db.seqs(ticket.location())).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aChangeOfTheLocationInBetweenAppliesItsNewRules() {
        String control = createLocation(true);
        String controlOrder = placedId(control, burgerAndFries());
        ok(getOrder(control, controlOrder))
                .getList("items.id", String.class)
                .forEach(item -> ok(command(control, controlOrder, "items/" + item + "/bump")));
        String readyOnlyWhenExpoConfirms = ok(getOrder(control, controlOrder)).getString("status");
        String location = createLocation(false);
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        List<String> items = itemIds(placed);
        ok(command(location, order, "items/" + items.get(0) + "/bump"));

        putLocation(location, kitchenWith(Map.of("expoConfirmation", true)))
                .then()
                .statusCode(200);
        Response last = command(location, order, "items/" + items.get(1) + "/bump");

        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(readyOnlyWhenExpoConfirms).isNotEqualTo("READY");
        assertThat(last.jsonPath().getString("status")).isEqualTo(readyOnlyWhenExpoConfirms);
    }

    @Test
    void aRetryOnAKnownOrderReplaysItsFirstAnswer() {
        Ticket ticket = Ticket.placedWithThreeItems();
        ok(ticket.bump(0));
        String key = "retry-" + ticket.order();
        Response first = ticket.itemCommand("start", 1, "Idempotency-Key", key);
        first.then().statusCode(200);

        Response again = ticket.itemCommand("start", 1, "Idempotency-Key", key);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(Db.seqs(ticket.location())).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aRefusalOnAKnownOrderIsAboutTheOrderAsItIs() {
        Ticket ticket = Ticket.placedWithThreeItems();
        ok(ticket.bump(0));
        ticket.bumpedByAnotherReplica(1);

        Response stale = ticket.itemCommand("bump", 2, "If-Match", "\"1\"");

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.jsonPath().getLong("currentVersion")).isEqualTo(2);
        assertThat(Db.seqs(ticket.location())).containsExactly(1L, 2L, 3L);
    }
}
