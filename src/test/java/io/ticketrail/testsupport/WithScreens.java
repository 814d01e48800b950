package io.ticketrail.testsupport;

import java.net.URI;
import java.time.Duration;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.AfterEach;

/** A test that opens screens on the instance under test; they are closed after each test. */
public abstract class WithScreens {

    /** How long a screen may take to see a change: milliseconds normally, seconds on a busy 2-core machine. */
    protected static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    protected URI base;

    protected final Screens screens = new Screens();

    @AfterEach
    void closeScreens() {
        screens.close();
    }
}
