package io.ticketrail.testsupport;

import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on RFC 9457 answers, the shape every client's error handling depends on. */
public final class Problems {

    /** A qualified Java name ("org.postgresql.util.PSQLException") or a stack frame: never for a client's eyes. */
    public static final Pattern INTERNALS =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*|Exception\\b|\\bat [a-z]+\\.|\\.java:\\d+");

    private Problems() {}

    /** Asserts a problem+json answer with this status, its required members and no internals; returns its body. */
    public static JsonPath problem(Response response, int status) {
        String body = response.asString();
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.contentType()).as(body).startsWith("application/problem+json");
        assertThat(body).doesNotContainPattern(INTERNALS);
        JsonPath problem = response.jsonPath();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("type")).startsWith("/problems/");
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        return problem;
    }

    /** A 409 illegal transition that names the state which forbids it. */
    public static JsonPath illegal(Response response, String currentStatus) {
        JsonPath problem = problem(response, 409);
        assertThat(problem.getString("type")).isEqualTo("/problems/illegal-transition");
        assertThat(problem.getString("currentStatus")).isEqualTo(currentStatus);
        return problem;
    }

    /** A validation failure that names the offending field. */
    public static JsonPath invalid(Response response, int status, String field) {
        JsonPath problem = problem(response, status);
        assertThat(problem.getList("errors.field", String.class)).contains(field);
        return problem;
    }

    /** Sends a request that must be refused and asserts it wrote no order and no event at the location. */
    public static Response refused(String locationId, Supplier<Response> request) {
        long events = Db.eventCount(locationId);
        long orders = Db.orderCount(locationId);
        Response response = request.get();
        assertThat(Db.eventCount(locationId))
                .as("events after a refused request")
                .isEqualTo(events);
        assertThat(Db.orderCount(locationId))
                .as("orders after a refused request")
                .isEqualTo(orders);
        return response;
    }
}
