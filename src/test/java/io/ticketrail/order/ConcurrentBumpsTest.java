package io.ticketrail.order;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.concurrently;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;

/** Cooks on several screens bump items of one ticket at the same moment; no bump is lost or applied twice. */
@QuarkusTest
class ConcurrentBumpsTest {

    private static final int ITEMS = 20;

    @Test
    void twentyConcurrentBumpsOfOneOrderAllTakeEffectExactlyOnce() throws Exception {
        String location = createLocation();
        List<Map<String, Object>> items = Collections.nCopies(ITEMS, item("Slider", "burgers"));
        Response placed = placed(location, orderOf(items));
        String order = placed.jsonPath().getString("id");
        List<Callable<Response>> bumps = itemIds(placed).stream()
                .<Callable<Response>>map(item -> () -> command(location, order, "items/" + item + "/bump"))
                .toList();

        List<Response> answers = concurrently(bumps);

        assertThat(answers).extracting(Response::statusCode).containsOnly(200);
        JsonPath view = getOrder(location, order).jsonPath();
        assertThat(view.getList("items.status")).hasSize(ITEMS).containsOnly("DONE");
        assertThat(view.getString("status")).isEqualTo("READY");
        assertThat(view.getLong("version")).isEqualTo(ITEMS);
        List<Db.Event> events = Db.events(location);
        assertThat(events)
                .extracting(Db.Event::type)
                .containsOnlyOnce("ORDER_PLACED")
                .filteredOn("ITEM_BUMPED"::equals)
                .hasSize(ITEMS);
        assertThat(events)
                .extracting(Db.Event::orderVersion)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(0, ITEMS).boxed().toList());
        // each answer is the state right after its own bump: ITEMS distinct versions, one per bump
        assertThat(answers)
                .extracting(r -> r.jsonPath().getLong("version"))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, ITEMS).boxed().toList());
    }
}
