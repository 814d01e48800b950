package io.ticketrail.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A business rule refused a command (an order that is not ready cannot be completed, a recall window passed). The
 * domain names the rule and the facts; only {@link ProblemMapper} decides the HTTP answer, from the {@link Kind}.
 * Thrown inside a command's transaction, it rolls the whole command back.
 */
public abstract class DomainException extends RuntimeException {

    /** What kind of refusal this is; ProblemMapper turns each into one status. */
    public enum Kind {
        /** The thing the command names does not exist (404). */
        NOT_FOUND,
        /** The thing's current state forbids the command (409). */
        CONFLICT
    }

    private final Kind kind;
    private final String rule;
    private final String title;
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /**
     * @param rule a short stable name ("illegal-transition") that clients may switch on
     * @param title a summary that does not change from case to case
     * @param detail this case, in words a screen can show
     */
    protected DomainException(Kind kind, String rule, String title, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.rule = rule;
        this.title = title;
    }

    /** A fact a client may act on, such as the current status; it goes out as a problem extension member. */
    public DomainException with(String name, Object value) {
        facts.put(name, value);
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public String rule() {
        return rule;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> facts() {
        return Map.copyOf(facts);
    }
}
