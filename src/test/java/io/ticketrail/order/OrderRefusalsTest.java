package io.ticketrail.order;

import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Problems.problem;
import static io.ticketrail.testsupport.Problems.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order's rules refuse in the domain's words (IllegalTransitionException, OrderRuleException); what a POS or a
 * screen gets is the problem+json it always got: status, type, title, detail and the facts it acts on.
 */
@QuarkusTest
class OrderRefusalsTest {

    @Test
    void anIllegalTransitionNamesTheCommandAndTheStateThatForbidsIt() {
        String location = createLocation();
        String order = placed(location, burgerAndFries()).jsonPath().getString("id");

        JsonPath problem = problem(refused(location, () -> command(location, order, "complete")), 409);

        assertThat(problem.getString("type")).isEqualTo("/problems/illegal-transition");
        assertThat(problem.getString("title")).isEqualTo("Illegal transition");
        assertThat(problem.getString("detail")).isEqualTo("Cannot complete an order that is NEW");
        assertThat(problem.getString("currentStatus")).isEqualTo("NEW");
    }

    @Test
    void anItemsIllegalTransitionAlsoNamesTheItem() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        String burger = itemIds(placed).get(0);
        ok(command(location, order, "items/" + burger + "/bump"));

        JsonPath problem =
                problem(refused(location, () -> command(location, order, "items/" + burger + "/start")), 409);

        assertThat(problem.getString("type")).isEqualTo("/problems/illegal-transition");
        assertThat(problem.getString("title")).isEqualTo("Illegal transition");
        assertThat(problem.getString("detail"))
                .startsWith("Cannot start item " + burger + " (")
                .endsWith("that is DONE");
        assertThat(problem.getString("currentStatus")).isEqualTo("DONE");
        assertThat(problem.getString("itemId")).isEqualTo(burger);
    }

    @Test
    void anItemTheOrderDoesNotHaveIsNotFound() {
        String location = createLocation();
        String order = placed(location, burgerAndFries()).jsonPath().getString("id");
        String unknown = UUID.randomUUID().toString();

        JsonPath problem =
                problem(refused(location, () -> command(location, order, "items/" + unknown + "/start")), 404);

        assertThat(problem.getString("type")).isEqualTo("/problems/not-found");
        assertThat(problem.getString("title")).isEqualTo("Not found");
        assertThat(problem.getString("detail")).isEqualTo("Order " + order + " has no item " + unknown);
    }
}
