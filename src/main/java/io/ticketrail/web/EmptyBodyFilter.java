package io.ticketrail.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A bump-bar or a curl one-liner posts commands such as cancel or recall with no body at all; their body is
 * optional, so an empty request is read as JSON (no body) instead of being refused with 415.
 */
public class EmptyBodyFilter {

    @ServerRequestFilter(preMatching = true)
    void emptyBodyIsJson(ContainerRequestContext request, HttpServerRequest http) {
        // the headers read from the Vert.x request: the JAX-RS view of them is built on first use, for every request
        if (!"POST".equals(request.getMethod())) {
            return;
        }
        String length = http.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean empty = (length == null || length.trim().equals("0")) && http.getHeader("Transfer-Encoding") == null;
        if (empty) {
            // on the Vert.x request, where Quarkus REST reads it: the JAX-RS view would copy every header to add one
            http.headers().set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
