package io.ticketrail.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.client.ApiClient;
import io.ticketrail.client.ApiException;
import io.ticketrail.client.ApiResponse;
import io.ticketrail.client.api.OrdersApi;
import io.ticketrail.client.model.Channel;
import io.ticketrail.client.model.ItemRequest;
import io.ticketrail.client.model.OrderView;
import io.ticketrail.client.model.PlaceOrderRequest;
import io.ticketrail.client.model.Problem;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.createLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A POS integrator's first hour, with a Java client generated from docs/openapi.yaml at build time (the
 * openapi-generator plugin in pom.xml): if the document and the server drift apart, this stops compiling or fails.
 */
@QuarkusTest
class GeneratedClientTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aPosPlacesRetriesAndFollowsAnOrderToCompletionAndReadsARefusalAsAProblem() throws Exception {
        String location = createLocation(true); // expo confirms: bumping the last item does not make it ready
        OrdersApi pos = orders(Auth.apiKey(location));
        OrdersApi kitchen = orders(Auth.managerToken());
        PlaceOrderRequest order = new PlaceOrderRequest()
                .externalId("pos-" + UUID.randomUUID())
                .channel(Channel.TAKEOUT)
                .customerName("Ana")
                .items(List.of(new ItemRequest().name("Cheeseburger").qty(2).category("burgers")));
        String key = UUID.randomUUID().toString();

        ApiResponse<OrderView> placed = pos.placeOrderWithHttpInfo(location, order, key, null);
        ApiResponse<OrderView> retried = pos.placeOrderWithHttpInfo(location, order, key, null);

        assertThat(placed.getStatusCode()).isEqualTo(201);
        assertThat(retried.getStatusCode()).as("the stored first answer").isEqualTo(201);
        assertThat(retried.getHeaders().get("idempotent-replayed")).containsExactly("true");
        assertThat(retried.getData().getId()).isEqualTo(placed.getData().getId());
        UUID orderId = placed.getData().getId();
        String itemId = placed.getData().getItems().get(0).getId().toString();

        OrderView bumped = kitchen.bumpItem(itemId, orderId.toString(), location, null, null);
        OrderView ready = kitchen.markReady(orderId.toString(), location, null, null);
        OrderView completed =
                kitchen.completeOrder(orderId.toString(), location, null, String.valueOf(ready.getVersion()));

        assertThat(bumped.getItems().get(0).getStatus()).hasToString("DONE");
        assertThat(ready.getStatus()).hasToString("READY");
        assertThat(completed.getStatus()).hasToString("COMPLETED");
        assertThat(completed.getReadyAt()).isNotNull();

        ApiException refused = catchThrowableOfType(
                () -> pos.cancelOrder(
                        orderId.toString(), location, new io.ticketrail.client.model.ReasonRequest(), null, null),
                ApiException.class);
        Problem problem = new ApiClient().getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(problem.getType()).isEqualTo("/problems/illegal-transition");
        assertThat(problem.getStatus()).isEqualTo(409);
    }

    private OrdersApi orders(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return new OrdersApi(client);
    }
}
