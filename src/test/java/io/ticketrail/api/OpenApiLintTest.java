package io.ticketrail.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a POS integrator's tooling says about docs/openapi.yaml: Spectral with its OpenAPI ruleset
 * (docs/openapi.spectral.yaml), as issue 16 asks, with no error and no warning. Spectral comes with ui/'s
 * packages, which the build installs.
 */
class OpenApiLintTest {

    private static final Path SPECTRAL = Path.of("ui", "node_modules", ".bin", "spectral");

    @Test
    void spectralFindsNothingToWarnAbout() throws IOException, InterruptedException {
        assertThat(SPECTRAL)
                .as("ui's packages are installed (the build's npm install)")
                .exists();
        Process spectral = new ProcessBuilder(
                        SPECTRAL.toString(),
                        "lint",
                        OpenApiDocumentTest.COMMITTED.toString(),
                        "--ruleset",
                        "docs/openapi.spectral.yaml",
                        "--fail-severity",
                        "warn",
                        "--format",
                        "text")
                .redirectErrorStream(true)
                .start();
        boolean ended = spectral.waitFor(2, TimeUnit.MINUTES);
        String output = new String(spectral.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("spectral ended").isTrue();
        assertThat(spectral.exitValue()).as(output).isZero();
    }
}
