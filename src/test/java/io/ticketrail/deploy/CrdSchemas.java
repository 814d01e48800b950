package io.ticketrail.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;

/**
 * The OpenAPI schemas of the custom resources deploy/ uses, from the CRDs their projects release (the files in
 * src/test/resources/crd-schemas name their repository, tag, commit and path), applied the way the API server
 * applies them to {@code kubectl apply}: types, enums, patterns, required fields and bounds, and, as its strict
 * field validation does, an unknown field is an error rather than silently pruned. Not checked: the CEL rules
 * ({@code x-kubernetes-validations}), which need a CEL engine, and formats such as {@code date-time}.
 */
final class CrdSchemas {

    static final String DIRECTORY = "crd-schemas/";

    /** One file per kind; a kind deploy/ starts to use needs its CRD's schema here, or its manifests fail to parse. */
    static final List<String> FILES = List.of(
            "postgresql.cnpg.io_clusters.json",
            "postgresql.cnpg.io_scheduledbackups.json",
            "barmancloud.cnpg.io_objectstores.json",
            "gateway.networking.k8s.io_httproutes.json",
            "monitoring.coreos.com_prometheusrules.json");

    /** Kubernetes' own keywords in a CRD schema: they shape lists, maps and pruning, and validate nothing here. */
    static final List<String> KUBERNETES_KEYWORDS = List.of(
            "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-int-or-string",
            "x-kubernetes-embedded-resource",
            "x-kubernetes-list-type",
            "x-kubernetes-list-map-keys",
            "x-kubernetes-map-type",
            "x-kubernetes-validations");

    private static final ObjectMapper JSON = new ObjectMapper();
    // before BY_TYPE, which uses it while the class initialises
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();

    /** A CRD's schema for one version, with where it came from. */
    record Crd(String apiVersion, String kind, String source, JsonSchema schema) {

        /** What is wrong with {@code object}, one line each naming the field; empty when the API server takes it. */
        List<String> violations(JsonNode object) {
            return schema.validate(object).stream()
                    .sorted(Comparator.comparing(ValidationMessage::getMessage))
                    .map(ValidationMessage::getMessage)
                    .toList();
        }
    }

    private static final Map<String, Crd> BY_TYPE = FILES.stream()
            .map(CrdSchemas::load)
            .collect(Collectors.toMap(c -> c.apiVersion() + "/" + c.kind(), c -> c));

    private CrdSchemas() {}

    /** The schema of {@code apiVersion/kind}, if one is vendored. */
    static Optional<Crd> of(String apiVersion, String kind) {
        return Optional.ofNullable(BY_TYPE.get(apiVersion + "/" + kind));
    }

    private static Crd load(String file) {
        try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException(DIRECTORY + file + " is not on the test classpath");
            }
            JsonNode document = JSON.readTree(in);
            JsonNode source = document.path("source");
            ObjectNode schema = (ObjectNode) document.path("openAPIV3Schema").deepCopy();
            rejectUnknownFields(schema);
            return new Crd(
                    document.path("group").asText() + "/"
                            + document.path("version").asText(),
                    document.path("kind").asText(),
                    source.path("repository").asText() + " "
                            + source.path("tag").asText() + " "
                            + source.path("path").asText(),
                    factory().getSchema(schema, CONFIG));
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    /**
     * Marks every object of the structural schema that lists its properties, and does not keep unknown fields on
     * purpose, as closed. Only along properties, items and additionalProperties: the schemas inside anyOf, oneOf,
     * allOf and not of a structural schema restate some fields to constrain them and must stay open.
     */
    static void rejectUnknownFields(ObjectNode schema) {
        if (schema.has("properties")
                && !schema.has("additionalProperties")
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            schema.put("additionalProperties", false);
        }
        schema.path("properties").forEach(property -> rejectUnknownFields((ObjectNode) property));
        for (String child : List.of("items", "additionalProperties")) {
            if (schema.get(child) instanceof ObjectNode nested) {
                rejectUnknownFields(nested);
            }
        }
    }

    /** OpenAPI 3.0's schema dialect (nullable, no $schema in a CRD), knowing Kubernetes' extensions. */
    private static JsonSchemaFactory factory() {
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi30.getInstance())
                .keywords(KUBERNETES_KEYWORDS.stream()
                        .map(NonValidationKeyword::new)
                        .collect(Collectors.toList()))
                .build();
        return JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri()));
    }
}
