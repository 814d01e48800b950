package io.ticketrail.testsupport;

import java.net.URI;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test with several instances on one database: its own (A, a {@code @QuarkusTest}, which places orders and
 * reads the truth) and others it starts with {@link AppProcess}. Screens opened with {@link #screens} are closed
 * after each test; a failing test prints the end of every started instance's log.
 */
@TestProfile(MultiInstanceProfile.class)
@ExtendWith(AppProcess.TailOnFailure.class)
public abstract class Instances {

    @TestHTTPResource("/")
    protected URI a;

    /** The application's own mapper, to read and project orders exactly as it does. */
    @Inject
    protected ObjectMapper json;

    protected final Screens screens = new Screens();

    @AfterEach
    void closeScreens() {
        screens.close();
    }
}
