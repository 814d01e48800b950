package io.ticketrail.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        if (!Files.exists(SPECTRAL)) {
            // a clean checkout where no Quarkus test has started yet: Quinoa installs ui/'s packages only then
            run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(Path.of("ui").toFile()));
        }
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
        String output = new String(spectral.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(spectral.waitFor(2, TimeUnit.MINUTES)).as("spectral ended").isTrue();
        assertThat(spectral.exitValue()).as(output).isZero();
    }

    private static void run(ProcessBuilder command) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES))
                .as("%s ended", command.command())
                .isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
