package io.ticketrail.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns failures into RFC 9457 problem+json. Nothing here ever echoes an exception's class or
 * stack trace: an unexpected failure is logged with an id, and the client gets only that id.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    DatabaseHealth health;

    @ServerExceptionMapper
    public Response refused(ProblemException e, ContainerRequestContext request) {
        Response.ResponseBuilder response = negotiated(e.toProblem(), request);
        e.headers().forEach(response::header);
        return response.build();
    }

    /** A business rule's refusal: the domain names the rule, the status follows from its kind. */
    @ServerExceptionMapper
    public Response ruleRefused(DomainException e, ContainerRequestContext request) {
        int status = switch (e.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
        return negotiated(
                        new Problem("/problems/" + e.rule(), e.title(), status, e.getMessage(), List.of(), e.facts()),
                        request)
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail =
                errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return respond(new Problem("/problems/validation", "Invalid request", 400, detail, errors, Map.of()));
    }

    // Quarkus REST has built-in mappers for these two that answer in their own shape; ours must be as specific
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return unreadable(e);
    }

    /** A type Jackson cannot build is our bug, not the client's: Quarkus' own mapper would answer a bare 500. */
    @ServerExceptionMapper
    public Response undefined(InvalidDefinitionException e) {
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() && !brokenSyntax(mapping)) {
            String field = pathOf(mapping);
            String message = mapping instanceof InvalidFormatException format
                            && format.getTargetType().isEnum()
                    ? "must be one of " + Arrays.toString(format.getTargetType().getEnumConstants())
                    : "has the wrong type or format";
            return respond(new Problem(
                    "/problems/validation",
                    "Invalid request",
                    400,
                    field + ": " + message,
                    List.of(new Problem.FieldError(field, message)),
                    Map.of()));
        }
        return respond(new Problem(
                "/problems/malformed-json",
                "Malformed JSON",
                400,
                "The request body is not valid JSON",
                List.of(),
                Map.of()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        if (status >= 500) {
            return unexpected(e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Request refused";
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 406 -> "This resource answers application/json";
            case 413 -> "The request body is too large";
            case 415 -> "Send the body as application/json";
            default -> title;
        };
        return negotiated(new Problem("/problems/http-" + status, title, status, detail, List.of(), Map.of()), request)
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseOutage.commitOutcomeUnknown(e)) {
            LOG.warnf("Connection lost during COMMIT, outcome unknown: %s", rootMessage(e));
            return unavailable(DatabaseOutage.outcomeUnknown());
        }
        if (DatabaseOutage.causedBy(e)) {
            LOG.warnf("Database unavailable: %s", rootMessage(e));
            if (DatabaseOutage.noConnection(e)) {
                // the next requests need not wait the pool's timeout to learn the same
                health.unreachable(rootMessage(e));
            }
            return unavailable(DatabaseOutage.unavailable());
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return respond(new Problem(
                "/problems/internal",
                "Internal error",
                500,
                "The request failed and changed nothing; quote incident " + incident + " when reporting it",
                List.of(),
                Map.of("incident", incident)));
    }

    /**
     * PostgreSQL is away (a failover, a stopped server, a full disk) or the connection died during COMMIT: not a
     * bug, so no incident and no stack trace, and a 503 a POS knows to retry with the same Idempotency-Key.
     */
    private static Response unavailable(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
                .entity(problem)
                .build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** A page for a browser that asked for one (ProblemPage), problem+json for everyone else. */
    private static Response.ResponseBuilder negotiated(Problem problem, ContainerRequestContext request) {
        if (ProblemPage.wanted(request)) {
            return Response.status(problem.status())
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(ProblemPage.of(problem));
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /** "items[0].qty" for a body field, the parameter's own name ("locationId", "body") for a parameter. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                field.append(field.length() > 0 ? "." : "").append(node.getName());
            }
        }
        return field.length() > 0 ? field.toString() : parameter;
    }

    /** Jackson wraps a syntax error inside a nested object (a truncated body) with that object's path. */
    private static boolean brokenSyntax(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException) {
                return true;
            }
        }
        return false;
    }

    private static String pathOf(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                parts.add((parts.isEmpty() ? "" : ".") + ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                parts.add("[" + ref.getIndex() + "]");
            }
        }
        return String.join("", parts);
    }
}
