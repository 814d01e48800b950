package io.ticketrail.testsupport;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the test PostgreSQL for every @QuarkusTest in the module (restrictToAnnotatedClass is false). */
@QuarkusTestResource(PostgresResource.class)
public final class WithPostgres {

    private WithPostgres() {}
}
