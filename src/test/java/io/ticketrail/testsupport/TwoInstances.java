package io.ticketrail.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link Instances} with one more instance (B) from the packaged application, for the whole test class. */
public abstract class TwoInstances extends Instances {

    protected static AppProcess b;

    @BeforeAll
    static void startB() {
        b = AppProcess.start("b", MultiInstanceProfile.FEED);
    }

    @AfterAll
    static void stopB() {
        if (b != null) {
            b.close();
        }
    }
}
