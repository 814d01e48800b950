package io.ticketrail.access;

import io.ticketrail.web.ProblemException;

/** The check behind {@link CsrfInForm}: the form's hidden {@code csrf} field against the caller's token. */
public final class FormCsrf {

    /** The name of the hidden field in every form that changes something. */
    public static final String FIELD = "csrf";

    private FormCsrf() {}

    /**
     * @throws ProblemException 403 unless {@code field} is the caller's CSRF token (compared in constant time);
     *         a caller with no CSRF token (a POS key) never posts forms
     */
    public static void require(Caller caller, String field) {
        if (caller == null || !Tokens.sameSecret(caller.csrfToken(), field)) {
            throw new ProblemException(
                    403,
                    "csrf",
                    "Missing CSRF token",
                    "This form is out of date or did not come from Ticketrail; reload the page and try again");
        }
    }
}
