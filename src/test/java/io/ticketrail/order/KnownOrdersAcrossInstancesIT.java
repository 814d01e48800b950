package io.ticketrail.order;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Metrics;
import io.ticketrail.testsupport.TwoInstances;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas take turns on one ticket, as a POS behind a load balancer and the screens of two pods do: each
 * replica's kept state of the order goes stale at every turn of the other, and every command still lands on the
 * order as it is, one event per command, in order, without a gap.
 */
@QuarkusTest
class KnownOrdersAcrossInstancesIT extends TwoInstances {

    private static final int ITEMS = 8;

    private static Response bump(URI instance, String location, String order, String item) {
        return Api.json(instance).post(ORDER + "/items/{item}/bump", location, order, item);
    }

    @Test
    void replicasTakingTurnsOnOneOrderEachSeeTheOthersCommands() {
        String location = Api.createLocation(true);
        Response placed = Api.json(a)
                .body(orderOf(Collections.nCopies(ITEMS, item("Slider", "burgers"))))
                .post(LOCATION + "/orders", location);
        placed.then().statusCode(201);
        String order = placed.jsonPath().getString("id");
        List<String> items = placed.jsonPath().getList("items.id", String.class);
        double rerun = Metrics.scrape().sum("ticketrail_command_assumed_total", "outcome=rerun");

        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            // two in a row on A, then B, so A keeps the order and B's turn moves the log under it
            URI instance = i % 3 == 2 ? b.baseUri() : a;
            Response answer = bump(instance, location, order, items.get(i));
            assertThat(answer.statusCode()).as("bump %d", i).isEqualTo(200);
            assertThat(answer.jsonPath().getList("items.status").stream().filter("DONE"::equals))
                    .as("items done after bump %d, seen by the replica that made it", i)
                    .hasSize(i + 1);
            versions.add(answer.jsonPath().getLong("version"));
        }

        assertThat(versions)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, ITEMS).boxed().toList());
        assertThat(Db.seqs(location))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, ITEMS + 1).boxed().toList());
        assertThat(Db.events(location))
                .extracting(Db.Event::orderVersion)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(0, ITEMS).boxed().toList());
        // A's assumption failed after each of B's turns that came between two of its own on this order
        assertThat(Metrics.scrape().sum("ticketrail_command_assumed_total", "outcome=rerun") - rerun)
                .isGreaterThanOrEqualTo(2);
        Map<String, Object> truth = Api.json(a)
                .get(ORDER, location, order)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
        assertThat(truth.get("version")).isEqualTo(ITEMS);
    }
}
