package io.ticketrail.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml is the contract integrators read and generate clients from (GeneratedClientTest uses it);
 * the server's own document must say the same, so neither can change without the other.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("docs", "openapi.yaml");
    private static final Path SERVED = Path.of("target", "openapi", "openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theServedDocumentIsTheCommittedOne() throws IOException {
        String served = given().accept("application/yaml")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, served);

        JsonNode committed = Files.exists(COMMITTED) ? YAML.readTree(COMMITTED.toFile()) : null;
        assertThat(YAML.readTree(served).equals(committed))
                .as("the API changed: review `diff %s %s`, then copy the served one over", COMMITTED, SERVED)
                .isTrue();
    }

    @Test
    void everyOperationIsNamedTaggedAndSecuredAndTheScreensPagesAreNotInIt() throws IOException {
        JsonNode document = YAML.readTree(COMMITTED.toFile());

        document.get("paths").fields().forEachRemaining(path -> {
            assertThat(path.getKey()).as("only the API").startsWith("/api/v1/");
            path.getValue().fields().forEachRemaining(operation -> {
                if (operation.getKey().equals("parameters")) {
                    return;
                }
                JsonNode op = operation.getValue();
                String where = operation.getKey() + " " + path.getKey();
                assertThat(op.path("operationId").asText()).as(where).isNotBlank();
                assertThat(op.path("description").asText()).as(where).isNotBlank();
                assertThat(op.path("tags")).as(where).hasSize(1);
                assertThat(op.has("security")).as(where).isTrue();
                assertThat(op.path("responses").path("503").path("$ref").asText())
                        .as(where)
                        .isEqualTo("#/components/responses/ServiceUnavailable");
            });
        });
    }
}
