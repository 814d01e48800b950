package io.ticketrail.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;

/** A command answers with the order as its event stored it, and as a read of the order returns it. */
@QuarkusTest
class CommandAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode stateOfEvent(String location, long seq) throws SQLException {
        try (Connection c = Db.connect();
                PreparedStatement s =
                        c.prepareStatement("select state::text from order_event where location_id = ? and seq = ?")) {
            s.setString(1, location);
            s.setLong(2, seq);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return tree(rs.getString(1));
            }
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }

    @Test
    void theAnswerIsTheEventsStateAndWhatAReadReturns() throws SQLException {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        Response bumped = command(location, order, "items/" + itemIds(placed).get(0) + "/bump");
        bumped.then().statusCode(200);
        Response read = getOrder(location, order);

        assertThat(tree(placed.asString())).isEqualTo(stateOfEvent(location, 1));
        assertThat(tree(bumped.asString())).isEqualTo(stateOfEvent(location, 2));
        assertThat(bumped.asString()).isEqualTo(read.asString());
        assertThat(bumped.contentType()).isEqualTo(read.contentType());
        assertThat(bumped.header("ETag")).isEqualTo(read.header("ETag"));
    }
}
