package io.ticketrail.access;

import java.util.Optional;
import jakarta.enterprise.context.RequestScoped;

import io.ticketrail.web.ProblemException;

/** The caller of the REST request being served, as AccessFilter verified it. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private boolean viaCookie;

    void set(Caller caller, boolean viaCookie) {
        this.caller = caller;
        this.viaCookie = viaCookie;
    }

    public Optional<Caller> get() {
        return Optional.ofNullable(caller);
    }

    /** The caller of an endpoint that has {@link Allow}: always there. */
    public Caller require() {
        if (caller == null) {
            throw ProblemException.unauthorized("Sign in, pair this screen, or send an API key");
        }
        return caller;
    }

    public boolean viaCookie() {
        return viaCookie;
    }
}
