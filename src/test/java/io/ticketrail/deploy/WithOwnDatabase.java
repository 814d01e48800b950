package io.ticketrail.deploy;

import java.nio.file.Path;

import io.ticketrail.testsupport.AppProcess;
import io.ticketrail.testsupport.Screens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a PostgreSQL of its own, a packaged instance on it and screens; all stopped after each test. */
abstract class WithOwnDatabase {

    @TempDir
    Path dir;

    final Screens screens = new Screens();
    AppProcess app;
    OwnPostgres database;

    @AfterEach
    void stopAll() {
        screens.close();
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
