package io.ticketrail.order;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.web.RandomRecords;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order's view written field by field is, byte for byte, what the application's ObjectMapper writes: the event
 * log, the answer, an idempotent replay and every client read these bytes, and a replay must repeat the first
 * answer exactly.
 */
@QuarkusTest
class OrderJsonTest {

    @Inject
    ObjectMapper json;

    @Test
    void randomViewsReadAsTheMapperWritesThem() throws Exception {
        RandomRecords random = new RandomRecords(20261206);
        for (int i = 0; i < 3_000; i++) {
            OrderView view = random.next(OrderView.class);
            byte[] expected = json.writeValueAsBytes(view);
            byte[] written = OrderJson.encode(json, view);
            assertThat(new String(written, StandardCharsets.UTF_8))
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(written).isEqualTo(expected);
            assertThat(json.readValue(written, OrderView.class)).isEqualTo(view);
        }
    }

    @Test
    void aViewWithoutItemsOrNoticesReadsAsTheMapperWritesIt() throws Exception {
        RandomRecords random = new RandomRecords(7);
        OrderView full = random.next(OrderView.class);
        for (OrderView view : List.of(withLists(full, null, null), withLists(full, List.of(), List.of()))) {
            assertThat(new String(OrderJson.encode(json, view), StandardCharsets.UTF_8))
                    .isEqualTo(new String(json.writeValueAsBytes(view), StandardCharsets.UTF_8));
        }
    }

    private static OrderView withLists(
            OrderView view, List<OrderView.ItemView> items, List<OrderView.NoticeView> notices) {
        return new OrderView(
                view.id(),
                view.locationId(),
                view.externalId(),
                view.number(),
                view.channel(),
                view.table(),
                view.customerName(),
                view.serverName(),
                view.guests(),
                view.priority(),
                view.status(),
                view.version(),
                view.placedAt(),
                view.promisedAt(),
                view.readyAt(),
                view.completedAt(),
                view.cancelledAt(),
                view.cancelReason(),
                view.updatedAt(),
                view.notes(),
                items,
                notices);
    }
}
