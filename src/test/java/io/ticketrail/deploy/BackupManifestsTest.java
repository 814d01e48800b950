package io.ticketrail.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.ticketrail.deploy.DeployManifestsTest.Rendered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.ticketrail.deploy.DeployManifestsTest.rendered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps the data: the database's backups (Barman Cloud plugin: ObjectStore, WAL archiving, ScheduledBackup),
 * quorum commit in prod, switchover on updates, pinned images, and a schema migrated once per release by the init
 * container while the application only validates it. Renders the overlays as {@link DeployManifestsTest} does.
 */
class BackupManifestsTest {

    static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

    static Set<String> fieldsOf(JsonNode node) {
        Set<String> fields = new TreeSet<>();
        node.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    /**
     * ObjectStore and ScheduledBackup have no Java model: what Ticketrail relies on in them. Their CRDs' schemas
     * (DeployManifestsTest's parse) have checked every field, its type and its format already.
     */
    static HasMetadata checkBackupObject(String where, JsonNode node) {
        String kind = node.path("kind").asText();
        JsonNode spec = node.path("spec");
        if (kind.equals("ObjectStore")) {
            JsonNode configuration = spec.path("configuration");
            assertThat(configuration.path("destinationPath").asText())
                    .as("%s spec.configuration.destinationPath", where)
                    .matches("(s3|gs|https)://.+");
            assertThat(spec.path("retentionPolicy").asText())
                    .as("%s spec.retentionPolicy: a restore can go back this far", where)
                    .isNotBlank();
            for (String key : List.of("accessKeyId", "secretAccessKey")) {
                JsonNode ref = configuration.path("s3Credentials").path(key);
                assertThat(fieldsOf(ref))
                        .as("%s s3Credentials.%s: a reference to a Secret, never the key itself", where, key)
                        .containsExactlyInAnyOrder("name", "key");
            }
        } else {
            assertThat(spec.path("schedule").asText().split(" "))
                    .as("%s spec.schedule: six fields, seconds first", where)
                    .hasSize(6);
            assertThat(spec.path("cluster").path("name").asText())
                    .as("%s spec.cluster.name", where)
                    .isNotBlank();
        }
        try {
            return new ObjectMapper().treeToValue(node, GenericKubernetesResource.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(where, e);
        }
    }

    static List<JsonNode> raw(Rendered r, String kind) {
        return r.objects().stream()
                .filter(o -> o.typed().getKind().equals(kind))
                .map(DeployManifestsTest.Parsed::raw)
                .toList();
    }

    @Test
    void prodArchivesWalAndTakesNightlyBackupsToTheObjectStore() {
        Rendered r = rendered("prod");
        JsonNode cluster = r.cluster();
        String clusterName = cluster.path("metadata").path("name").asText();

        List<JsonNode> stores = raw(r, "ObjectStore");
        assertThat(stores).hasSize(1);
        String store = stores.get(0).path("metadata").path("name").asText();

        assertThat(cluster.path("spec").path("plugins"))
                .as("the Barman Cloud plugin archives WAL to the ObjectStore")
                .anySatisfy(plugin -> {
                    assertThat(plugin.path("name").asText()).isEqualTo(BARMAN_PLUGIN);
                    assertThat(plugin.path("isWALArchiver").asBoolean()).isTrue();
                    assertThat(plugin.path("parameters")
                                    .path("barmanObjectName")
                                    .asText())
                            .isEqualTo(store);
                });
        List<JsonNode> backups = raw(r, "ScheduledBackup");
        assertThat(backups).hasSize(1);
        JsonNode backup = backups.get(0).path("spec");
        assertThat(backup.path("cluster").path("name").asText()).isEqualTo(clusterName);
        assertThat(backup.path("method").asText()).isEqualTo("plugin");
        assertThat(backup.path("pluginConfiguration").path("name").asText()).isEqualTo(BARMAN_PLUGIN);
        assertThat(backup.path("immediate").asBoolean())
                .as("a first base backup right away")
                .isTrue();
    }

    @Test
    void prodCommitsOnAQuorumOfStandbys() {
        JsonNode spec = rendered("prod").cluster().path("spec");
        JsonNode synchronous = spec.path("postgresql").path("synchronous");

        assertThat(synchronous.path("method").asText()).isEqualTo("any");
        assertThat(synchronous.path("number").asInt()).isEqualTo(1);
        assertThat(spec.path("instances").asInt() - 1)
                .as("standbys: one may be lost and the quorum still answers")
                .isGreaterThan(synchronous.path("number").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ticketrail.deploy.DeployManifestsTest#overlays")
    void theDatabaseSwitchesOverOnUpdatesRunsAPinnedImageAndNeverBlocksADrain(String overlay) {
        JsonNode spec = rendered(overlay).cluster().path("spec");

        assertThat(spec.path("primaryUpdateMethod").asText()).isEqualTo("switchover");
        assertThat(spec.path("imageName").asText())
                .as("an exact minor, pinned by digest: the image cannot change under its tag")
                .matches(".+:[0-9]+\\.[0-9]+[^:@]*@sha256:[0-9a-f]{64}");
        if (spec.path("instances").asInt() == 1) {
            assertThat(spec.path("enablePDB").isBoolean()
                            && !spec.path("enablePDB").asBoolean())
                    .as("enablePDB: false, or the single instance's PodDisruptionBudget blocks node drains")
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ticketrail.deploy.DeployManifestsTest#overlays")
    void theInitContainerMigratesAndTheApplicationOnlyValidates(String overlay) {
        Rendered r = rendered(overlay);
        PodSpec pod = r.podSpec();
        assertThat(pod.getInitContainers()).hasSize(1);
        Container migrate = pod.getInitContainers().get(0);
        Map<String, EnvVar> migrateEnv = r.environment(migrate);
        Map<String, EnvVar> appEnv = r.environment(r.container());

        assertThat(migrate.getImage())
                .as("the same image as the application")
                .isEqualTo(r.container().getImage());
        assertThat(value(migrateEnv, "QUARKUS_INIT_AND_EXIT")).isEqualTo("true");
        assertThat(value(migrateEnv, "QUARKUS_FLYWAY_MIGRATE_AT_START")).isEqualTo("true");
        for (String datasource :
                List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            assertThat(migrateEnv.get(datasource))
                    .as("%s: the init container migrates the application's database", datasource)
                    .isEqualTo(appEnv.get(datasource));
        }
        assertThat(migrate.getStartupProbe()).isNull();
        assertThat(value(appEnv, "QUARKUS_FLYWAY_MIGRATE_AT_START")).isEqualTo("false");
        assertThat(value(appEnv, "QUARKUS_FLYWAY_VALIDATE_AT_START")).isEqualTo("true");
    }

    static String value(Map<String, EnvVar> env, String name) {
        EnvVar variable = env.get(name);
        assertThat(variable).as(name).isNotNull();
        return variable.getValue();
    }
}
