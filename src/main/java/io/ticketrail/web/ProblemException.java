package io.ticketrail.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal that the client can act on: it becomes a problem+json response with its status. Thrown inside a
 * command's transaction, it rolls the whole command back.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(
                400,
                "validation",
                "Invalid request",
                field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException conflict(String type, String title, String detail) {
        return new ProblemException(409, type, title, detail);
    }

    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** A response header that goes with the problem, such as Retry-After or WWW-Authenticate. */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Not signed in", detail).header("WWW-Authenticate", "Bearer");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Not allowed", detail);
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        return new ProblemException(
                        429, "rate-limited", "Too many requests", "Slow down; try again in " + retryAfterSeconds + " s")
                .with("retryAfter", retryAfterSeconds)
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return new Problem("/problems/" + type, title, status, getMessage(), errors, Map.copyOf(extensions));
    }
}
