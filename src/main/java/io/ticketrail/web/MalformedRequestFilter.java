package io.ticketrail.web;

import java.util.List;
import java.util.Map;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any endpoint runs, what would otherwise fail half-way through it: a NUL in the path or the query
 * (PostgreSQL cannot store U+0000, so such an id names nothing and must never reach a query), and an Accept header
 * that is not a list of media types (it is only parsed when the answer is written, after a command committed).
 */
public class MalformedRequestFilter {

    @ServerRequestFilter(preMatching = true)
    void refuseMalformed(ContainerRequestContext request, HttpServerRequest http) {
        // the decoded path and parameters only when the raw text could decode to a NUL: building them for every
        // request cost more than the rest of this filter
        if (mayHoldNul(http.path()) && request.getUriInfo().getPath().indexOf('\0') >= 0) {
            throw ProblemException.notFound("No such resource");
        }
        if (mayHoldNul(http.query())) {
            for (Map.Entry<String, List<String>> parameter :
                    request.getUriInfo().getQueryParameters().entrySet()) {
                if (parameter.getKey().indexOf('\0') >= 0
                        || parameter.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
                    throw ProblemException.invalid(parameter.getKey().replace('\0', '?'), "must not contain U+0000");
                }
            }
        }
        refuseUnreadableAccept(http);
    }

    /** Raw (undecoded) text decodes to a NUL only from a NUL or {@code %00}. */
    private static boolean mayHoldNul(String raw) {
        return raw != null && (raw.indexOf('\0') >= 0 || raw.contains("%00"));
    }

    private static void refuseUnreadableAccept(HttpServerRequest http) {
        // every Accept header, read from the Vert.x request: the JAX-RS view of the headers is built on first use
        List<String> accepts = http.headers().getAll(HttpHeaders.ACCEPT);
        try {
            for (String accept : accepts) {
                for (String type : accept.split(",")) {
                    MediaType.valueOf(type.strip());
                }
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(
                    HttpHeaders.ACCEPT, "must be a list of media types, such as " + MediaType.APPLICATION_JSON);
        }
    }
}
