package io.ticketrail.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.quarkus.runtime.configuration.DurationConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders every overlay in deploy/ with {@code kubectl kustomize}, parses each object against the Kubernetes model
 * (a misspelt field fails) and checks the manifests against what the application really does: its port, its health
 * endpoints, the settings it reads, its shutdown timeout. Runs yamllint on deploy/ too.
 */
class DeployManifestsTest {

    static final Path REPO = Path.of(System.getProperty("user.dir"));
    static final Path DEPLOY = REPO.resolve("deploy");
    static final Path APPLICATION_PROPERTIES = REPO.resolve("src/main/resources/application.properties");

    /** The paths quarkus-smallrye-health serves by default; the application must not move them (checked below). */
    static final String STARTED = "/q/health/started";

    static final String READY = "/q/health/ready";
    static final String LIVE = "/q/health/live";
    static final String METRICS = "/q/metrics";

    /** Settings that would move the health or metrics endpoints away from the paths and port above. */
    static final List<String> SETTINGS_THAT_MOVE_ENDPOINTS = List.of(
            "quarkus.http.root-path",
            "quarkus.http.non-application-root-path",
            "quarkus.management.root-path",
            "quarkus.smallrye-health.root-path",
            "quarkus.smallrye-health.liveness-path",
            "quarkus.smallrye-health.readiness-path",
            "quarkus.smallrye-health.startup-path",
            "quarkus.micrometer.export.prometheus.path");

    /** The preStop sleep, in seconds: endpoint removal reaches kube-proxy and the gateway 1-5 s after deletion. */
    static final int PRE_STOP_SLEEP = 5;

    /** Metric names the PrometheusRule may use: the application's (docs/protocol.md) and CloudNativePG's. */
    static final List<String> EXPORTED_METRICS = List.of(
            "ticketrail_station_alarm",
            "ticketrail_station_unseen_tickets",
            "ticketrail_feed_screens",
            "ticketrail_feed_resumes_total",
            "ticketrail_feed_commit_to_send_seconds_bucket",
            "ticketrail_feed_slow_closes_total",
            "ticketrail_feed_listen_connected",
            "ticketrail_feed_diffs_sent_total",
            "ticketrail_commands_total",
            "ticketrail_command_duration_seconds_bucket",
            "agroal_active_count",
            "agroal_awaiting_count",
            "http_server_requests_seconds_count",
            "ticketrail_webhooks_paused",
            "cnpg_pg_replication_lag",
            "cnpg_collector_last_available_backup_timestamp");

    static final Path DASHBOARD = DEPLOY.resolve("components/monitoring/grafana-dashboard.json");

    /** What each overlay promises; a new overlay has to say what it promises here. */
    record OverlayIntent(int minReplicas, int maxReplicas, int databaseInstances, boolean onePodPerNode) {}

    static final Map<String, OverlayIntent> INTENTS = Map.of(
            "dev", new OverlayIntent(1, 1, 1, false),
            "prod", new OverlayIntent(3, 6, 3, true));

    /**
     * The kinds the manifests may use, each with its model class. CloudNativePG publishes no Java model: its kinds are
     * checked against their CRD's schema alone ({@link CrdSchemas}), as every kind that has one is too.
     */
    static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", GenericKubernetesResource.class),
            Map.entry("postgresql.cnpg.io/v1/ScheduledBackup", GenericKubernetesResource.class),
            Map.entry("barmancloud.cnpg.io/v1/ObjectStore", GenericKubernetesResource.class));

    /** PostgreSQL's defaults for max_connections and superuser_reserved_connections, which CloudNativePG keeps. */
    static final int DEFAULT_MAX_CONNECTIONS = 100;

    static final int RESERVED_CONNECTIONS = 3;

    static final YAMLMapper YAML = new YAMLMapper();

    /**
     * The fabric8 models keep unknown fields in an {@code @JsonAnySetter} map, which makes FAIL_ON_UNKNOWN_PROPERTIES
     * a no-op on its own; with the any-setter ignored, a misspelt field is an error naming the field and its path.
     */
    static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(DEPLOY.resolve("overlays"))) {
            List<String> names = dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
            assertThat(names).as("overlays in deploy/overlays").isNotEmpty();
            return names.stream();
        }
    }

    @Test
    void aMisspeltFieldFailsTheParse() throws IOException {
        JsonNode typo = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                """);

        assertThatThrownBy(() -> STRICT.treeToValue(typo, Deployment.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("readinesProbe");
    }

    /**
     * Custom resources the API server would refuse, each for a reason only its CRD's schema knows: the schemas
     * really apply, field by field, and name the field.
     */
    static Stream<Arguments> refusedCustomResources() {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec:
                  storage: {size: 1Gi}
                """;
        return Stream.of(
                Arguments.of(
                        "a misspelt Cluster field",
                        cluster + "  instances: 1\n  primaryUpdateMetod: switchover\n",
                        "primaryUpdateMetod"),
                Arguments.of(
                        "a Cluster update method it does not have",
                        cluster + "  instances: 1\n  primaryUpdateMethod: failover\n",
                        "primaryUpdateMethod"),
                Arguments.of("a Cluster with no instance", cluster + "  instances: 0\n", "instances"),
                Arguments.of(
                        "quorum commit without its number",
                        cluster + "  instances: 3\n  postgresql: {synchronous: {method: any}}\n",
                        "number"),
                Arguments.of("a ScheduledBackup method that does not exist", """
                        apiVersion: postgresql.cnpg.io/v1
                        kind: ScheduledBackup
                        metadata: {name: nightly}
                        spec: {schedule: "0 0 3 * * *", cluster: {name: db}, method: barman-cloud}
                        """, "method"),
                Arguments.of("an ObjectStore retention the plugin cannot read", """
                        apiVersion: barmancloud.cnpg.io/v1
                        kind: ObjectStore
                        metadata: {name: backups}
                        spec: {retentionPolicy: 30 days, configuration: {destinationPath: "s3://b/"}}
                        """, "retentionPolicy"),
                Arguments.of("an HTTPRoute timeout without a unit", """
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: HTTPRoute
                        metadata: {name: route}
                        spec: {rules: [{timeouts: {request: "30"}, backendRefs: [{name: app, port: 80}]}]}
                        """, "request"),
                Arguments.of("an alert whose for has no unit", """
                        apiVersion: monitoring.coreos.com/v1
                        kind: PrometheusRule
                        metadata: {name: rules}
                        spec: {groups: [{name: g, rules: [{alert: A, expr: up == 0, for: "5"}]}]}
                        """, "for"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCustomResources")
    void aCustomResourceItsCrdRefusesFailsTheParseNamingTheField(String why, String manifest, String field)
            throws IOException {
        JsonNode node = YAML.readTree(manifest);

        assertThatThrownBy(() -> Rendered.parse("test", node))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("against the schema of its CRD")
                .hasMessageContaining(field);
    }

    @Test
    void aValidQuorumClusterPassesItsCrdSchema() throws IOException {
        JsonNode cluster = YAML.readTree("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec:
                  instances: 3
                  primaryUpdateMethod: switchover
                  postgresql: {synchronous: {method: any, number: 1}, parameters: {max_connections: "200"}}
                  storage: {size: 1Gi}
                """);

        assertThat(CrdSchemas.of("postgresql.cnpg.io/v1", "Cluster")
                        .orElseThrow()
                        .violations(cluster))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyObjectIsAKnownKindAndTheOverlayHasTheWholeApplication(String overlay) {
        Rendered r = rendered(overlay);

        assertThat(r.objects())
                .extracting(o -> o.typed().getKind())
                .contains(
                        "ServiceAccount",
                        "ConfigMap",
                        "Deployment",
                        "Service",
                        "PodDisruptionBudget",
                        "HorizontalPodAutoscaler",
                        "NetworkPolicy",
                        "Cluster");
        assertThat(r.all(Deployment.class)).as("one application Deployment").hasSize(1);
        assertThat(r.all(ServiceAccount.class))
                .extracting(a -> a.getMetadata().getName())
                .contains(r.podSpec().getServiceAccountName());
    }

    @Test
    void everyComponentIsUsedByAnOverlay() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String overlay : overlays().toList()) {
            JsonNode kustomization = YAML.readTree(DEPLOY.resolve("overlays")
                    .resolve(overlay)
                    .resolve("kustomization.yaml")
                    .toFile());
            kustomization
                    .path("components")
                    .forEach(c -> used.add(Path.of(c.asText()).getFileName().toString()));
        }
        try (Stream<Path> dirs = Files.list(DEPLOY.resolve("components"))) {
            Set<String> components = dirs.map(d -> d.getFileName().toString()).collect(Collectors.toSet());
            assertThat(used)
                    .as("components rendered (and so checked) by some overlay")
                    .containsExactlyInAnyOrderElementsOf(components);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void probesPointAtTheHealthEndpointsTheApplicationServes(String overlay) {
        assertThat(SETTINGS_THAT_MOVE_ENDPOINTS)
                .as("settings in application.properties that move /q/health")
                .noneMatch(key -> appSetting(key).isPresent());
        assertThat(appSetting("quarkus.management.enabled"))
                .as("health and metrics on the management interface, off the public port")
                .contains("true");
        Rendered r = rendered(overlay);
        Container app = r.container();

        assertProbe(r, app.getStartupProbe(), "startup", STARTED);
        assertProbe(r, app.getReadinessProbe(), "readiness", READY);
        assertProbe(r, app.getLivenessProbe(), "liveness", LIVE);
        assertThat(app.getReadinessProbe().getTimeoutSeconds())
                .as("readiness timeout: above the database check's 1 s")
                .isGreaterThan(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void portsAndSelectorsLeadToTheApplicationHttpPort(String overlay) {
        Rendered r = rendered(overlay);
        int httpPort = appHttpPort();
        Map<String, String> podLabels =
                r.deployment().getSpec().getTemplate().getMetadata().getLabels();

        int managementPort = appManagementPort();
        assertThat(r.container().getPorts())
                .extracting(ContainerPort::getContainerPort)
                .containsExactlyInAnyOrder(httpPort, managementPort);
        assertSelects(
                "Deployment selector", r.deployment().getSpec().getSelector().getMatchLabels(), podLabels);

        Service service = r.appService();
        assertSelects("Service selector", service.getSpec().getSelector(), podLabels);
        for (ServicePort port : service.getSpec().getPorts()) {
            assertThat(r.containerPort(port.getTargetPort()))
                    .as("Service %s targetPort", port.getName())
                    .isIn(httpPort, managementPort);
        }
        Set<Integer> publicPorts = service.getSpec().getPorts().stream()
                .filter(p -> r.containerPort(p.getTargetPort()) == httpPort)
                .map(ServicePort::getPort)
                .collect(Collectors.toSet());
        Set<String> managementPortNames = service.getSpec().getPorts().stream()
                .filter(p -> r.containerPort(p.getTargetPort()) == managementPort)
                .map(ServicePort::getName)
                .collect(Collectors.toSet());

        for (PodDisruptionBudget pdb : r.all(PodDisruptionBudget.class)) {
            assertSelects(
                    "PodDisruptionBudget selector", pdb.getSpec().getSelector().getMatchLabels(), podLabels);
            assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
            assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy())
                    .as("an unready pod never blocks a node drain")
                    .isEqualTo("AlwaysAllow");
        }
        for (NetworkPolicy policy : r.all(NetworkPolicy.class)) {
            assertSelects(
                    "NetworkPolicy podSelector",
                    policy.getSpec().getPodSelector().getMatchLabels(),
                    podLabels);
            assertThat(policy.getSpec().getIngress())
                    .flatExtracting(rule -> rule.getPorts())
                    .extracting(NetworkPolicyPort::getPort)
                    .extracting(r::containerPort)
                    .as("NetworkPolicy ingress ports")
                    .containsOnly(httpPort, managementPort);
            assertThat(policy.getSpec().getEgress())
                    .flatExtracting(rule -> rule.getPorts())
                    .extracting(p -> p.getPort().getIntVal())
                    .as("NetworkPolicy egress: PostgreSQL, DNS and HTTPS for webhooks")
                    .containsExactlyInAnyOrder(5432, 53, 53, 443);
            // webhook URLs come from integrations: HTTPS may leave the cluster, never reach into it
            assertThat(policy.getSpec().getEgress())
                    .filteredOn(rule ->
                            rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 443))
                    .singleElement()
                    .satisfies(rule -> assertThat(rule.getTo())
                            .isNotEmpty()
                            .allSatisfy(peer -> assertThat(peer.getIpBlock().getExcept())
                                    .as("private, loopback and link-local ranges are excluded from "
                                            + peer.getIpBlock().getCidr())
                                    .containsAnyOf("10.0.0.0/8", "fc00::/7")
                                    .containsAnyOf("169.254.0.0/16", "fe80::/10")));
        }

        Set<String> servicePortNames =
                service.getSpec().getPorts().stream().map(ServicePort::getName).collect(Collectors.toSet());
        for (ServiceMonitor monitor : r.all(ServiceMonitor.class)) {
            assertSelects(
                    "ServiceMonitor selector",
                    monitor.getSpec().getSelector().getMatchLabels(),
                    service.getMetadata().getLabels());
            assertThat(monitor.getSpec().getEndpoints()).allSatisfy(endpoint -> {
                assertThat(endpoint.getPort())
                        .as("metrics from the management port")
                        .isIn(managementPortNames);
                assertThat(endpoint.getPath()).isEqualTo(METRICS);
            });
        }
        for (PrometheusRule rule : r.all(PrometheusRule.class)) {
            // an alert on a metric nobody exports never fires: each names one the app or CloudNativePG exports
            assertThat(rule.getSpec().getGroups())
                    .flatExtracting(RuleGroup::getRules)
                    .allSatisfy(alert -> {
                        assertThat(alert.getAlert()).isNotBlank();
                        assertThat(alert.getExpr().getStrVal())
                                .as("alert %s", alert.getAlert())
                                .containsAnyOf(EXPORTED_METRICS.toArray(String[]::new));
                        assertThat(alert.getLabels())
                                .as("alert %s", alert.getAlert())
                                .containsKey("severity");
                    });
        }
        if (!r.all(ServiceMonitor.class).isEmpty()) {
            assertThat(r.all(PrometheusRule.class))
                    .as("the monitoring component alerts on blind stations")
                    .flatExtracting(rule -> rule.getSpec().getGroups())
                    .flatExtracting(RuleGroup::getRules)
                    .extracting(Rule::getAlert)
                    .contains(
                            "TicketrailStationBlind",
                            "TicketrailScreensDropping",
                            "TicketrailResumesNotCatchingUp",
                            "TicketrailCommitToSendSlow",
                            "TicketrailScreensTooSlow",
                            "TicketrailPoolWaiters",
                            "TicketrailServerErrors",
                            "TicketrailListenDown");
        }
        for (Ingress ingress : r.all(Ingress.class)) {
            assertThat(ingress.getSpec().getRules())
                    .flatExtracting(rule -> rule.getHttp().getPaths())
                    .allSatisfy(path -> {
                        assertThat(path.getBackend().getService().getName())
                                .isEqualTo(service.getMetadata().getName());
                        assertThat(path.getBackend().getService().getPort().getName())
                                .isIn(servicePortNames);
                    });
            assertThat(ingress.getMetadata().getAnnotations())
                    .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                    .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
        }
        for (HTTPRoute route : r.all(HTTPRoute.class)) {
            assertThat(route.getSpec().getParentRefs())
                    .isNotEmpty()
                    .allSatisfy(parent -> assertThat(parent.getSectionName())
                            .as("the route names its Gateway's HTTPS listener")
                            .isNotBlank());
            assertThat(route.getSpec().getRules())
                    .flatExtracting(rule -> rule.getBackendRefs())
                    .isNotEmpty()
                    .allSatisfy(backend -> {
                        assertThat(backend.getName())
                                .isEqualTo(service.getMetadata().getName());
                        assertThat(backend.getPort()).as("the public port only").isIn(publicPorts);
                    });
            assertThat(route.getSpec().getRules())
                    .as("every rule lists the paths it publishes, and has a timeout")
                    .allSatisfy(rule -> {
                        assertThat(rule.getMatches()).isNotEmpty().allSatisfy(match -> {
                            assertThat(match.getPath().getValue()).doesNotStartWith("/q");
                            if ("/".equals(match.getPath().getValue())) {
                                assertThat(match.getPath().getType())
                                        .as("no catch-all")
                                        .isEqualTo("Exact");
                            }
                        });
                        assertThat(rule.getTimeouts()).isNotNull();
                        assertThat(rule.getTimeouts().getRequest()).isNotBlank();
                    });
            assertThat(route.getSpec().getRules())
                    .as("the feed's rule: WebSocket and SSE, never cut by a timeout")
                    .anySatisfy(rule -> {
                        assertThat(rule.getMatches())
                                .extracting(match -> match.getPath().getValue())
                                .contains("/ws/");
                        assertThat(rule.getMatches())
                                .anySatisfy(match -> assertThat(match.getHeaders())
                                        .anySatisfy(
                                                h -> assertThat(h.getValue()).isEqualTo("text/event-stream")));
                        assertThat(rule.getTimeouts().getRequest()).isEqualTo("0s");
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyEnvironmentVariableIsOneTheApplicationReads(String overlay) {
        Rendered r = rendered(overlay);
        Map<String, String> appEnvNames = new HashMap<>();
        for (String key : appProperties().stringPropertyNames()) {
            String property = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            appEnvNames.put(envName(property), property);
        }
        // ticketrail.* settings keep their defaults in the @ConfigMapping interfaces, not in application.properties
        configMappingProperties().forEach(property -> appEnvNames.put(envName(property), property));
        Map<String, QuarkusSetting> documented = QuarkusSetting.documented();

        assertThat(r.environmentNames()).isNotEmpty().allSatisfy(name -> {
            if (name.startsWith("JAVA_")) {
                return;
            }
            if (name.startsWith("TICKETRAIL_")) {
                assertThat(appEnvNames.get(name))
                        .as("%s: a ticketrail.* property in application.properties", name)
                        .isNotNull()
                        .startsWith("ticketrail.");
            } else if (name.startsWith("QUARKUS_")) {
                QuarkusSetting setting = documented.get(name);
                if (setting == null) {
                    assertThat(appEnvNames.get(name))
                            .as("%s: a documented Quarkus property or one in application" + ".properties", name)
                            .isNotNull();
                } else {
                    assertThat(setting.phase())
                            .as(
                                    "%s (%s) is fixed at build time: setting it on a pod does nothing",
                                    name, setting.property())
                            .isEqualTo("RUN_TIME");
                }
            } else {
                fail(
                        "%s is neither a JAVA_, TICKETRAIL_ nor QUARKUS_ variable: the application does not read it",
                        name);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theDatasourceIsTheCloudNativePgClusterAndNoSecretIsInTheRepository(String overlay) {
        Rendered r = rendered(overlay);
        assertThat(r.all(Secret.class)).allSatisfy(secret -> {
            assertThat(secret.getData())
                    .as("Secret %s data", secret.getMetadata().getName())
                    .isNullOrEmpty();
            assertThat(secret.getStringData())
                    .as("Secret %s stringData", secret.getMetadata().getName())
                    .isNullOrEmpty();
        });

        String cluster = r.cluster().path("metadata").path("name").asText();
        Map<String, EnvVar> env =
                r.container().getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));

        assertThat(env)
                .containsKeys(
                        "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
        assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").getValue())
                .as("the cluster's read-write Service")
                .startsWith("jdbc:postgresql://" + cluster + "-rw:5432/");
        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            var source = env.get(variable).getValueFrom();
            assertThat(source)
                    .as("%s comes from the cluster's -app Secret", variable)
                    .isNotNull();
            var ref = source.getSecretKeyRef();
            assertThat(ref)
                    .as("%s comes from the cluster's -app Secret", variable)
                    .isNotNull();
            assertThat(ref.getName()).as(variable).isEqualTo(cluster + "-app");
            assertThat(ref.getKey()).as(variable).isEqualTo(variable.endsWith("USERNAME") ? "username" : "password");
        }
        assertThat(env.values())
                .filteredOn(v -> v.getName().contains("PASSWORD"))
                .as("passwords come from a Secret, never a literal")
                .allSatisfy(v -> assertThat(v.getValue()).isNull());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theContainerRunsLockedDown(String overlay) {
        Rendered r = rendered(overlay);
        PodSpec pod = r.podSpec();
        PodSecurityContext podContext =
                Objects.requireNonNullElseGet(pod.getSecurityContext(), PodSecurityContext::new);

        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        for (Container container : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                .toList()) {
            String name = container.getName();
            SecurityContext c = container.getSecurityContext();
            assertThat(c).as("%s securityContext", name).isNotNull();
            assertThat(firstNonNull(c.getRunAsNonRoot(), podContext.getRunAsNonRoot()))
                    .as("%s runAsNonRoot", name)
                    .isTrue();
            Long user = firstNonNull(c.getRunAsUser(), podContext.getRunAsUser());
            if (user != null) {
                assertThat(user).as("%s runAsUser", name).isPositive();
            }
            assertThat(c.getReadOnlyRootFilesystem())
                    .as("%s readOnlyRootFilesystem", name)
                    .isTrue();
            assertThat(c.getAllowPrivilegeEscalation())
                    .as("%s allowPrivilegeEscalation", name)
                    .isFalse();
            assertThat(c.getPrivileged()).as("%s privileged", name).isNotEqualTo(Boolean.TRUE);
            assertThat(c.getCapabilities().getDrop())
                    .as("%s capabilities.drop", name)
                    .containsExactly("ALL");
            assertThat(c.getCapabilities().getAdd())
                    .as("%s capabilities.add", name)
                    .isNullOrEmpty();
            var seccomp = firstNonNull(c.getSeccompProfile(), podContext.getSeccompProfile());
            assertThat(seccomp).as("%s seccompProfile", name).isNotNull();
            assertThat(seccomp.getType()).as("%s seccompProfile", name).isEqualTo("RuntimeDefault");
        }

        Set<String> emptyDirs = pod.getVolumes().stream()
                .filter(v -> v.getEmptyDir() != null)
                .map(v -> v.getName())
                .collect(Collectors.toSet());
        assertThat(r.container().getVolumeMounts())
                .as("a writable /tmp on the read-only root filesystem")
                .anySatisfy(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/tmp");
                    assertThat(mount.getName()).isIn(emptyDirs);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void memoryIsGuaranteedAndTheHeapIsAShareOfIt(String overlay) {
        ResourceRequirements resources = rendered(overlay).container().getResources();
        Quantity request = resources.getRequests().get("memory");
        Quantity limit = resources.getLimits().get("memory");

        assertThat(request).as("memory request").isNotNull();
        assertThat(limit).as("memory limit").isNotNull();
        assertThat(request.getNumericalAmount())
                .as("memory request equals limit")
                .isEqualByComparingTo(limit.getNumericalAmount());
        String jvmOptions = rendered(overlay).container().getEnv().stream()
                .filter(v -> v.getName().equals("JAVA_OPTS") || v.getName().equals("JAVA_TOOL_OPTIONS"))
                .map(EnvVar::getValue)
                .collect(Collectors.joining(" "));
        assertThat(jvmOptions).contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void thePodOutlivesTheApplicationsShutdown(String overlay) {
        Duration shutdown = DurationConverter.parseDuration(appSetting("quarkus.shutdown.timeout")
                .orElseThrow(() -> new AssertionError("quarkus.shutdown.timeout is not set in application"
                        + ".properties: the default waits for nothing, and open screens would be cut")));
        assertThat(appSetting("quarkus.shutdown.delay-enabled")).contains("true");
        Duration delay = DurationConverter.parseDuration(
                appSetting("quarkus.shutdown.delay").orElseThrow());
        Rendered r = rendered(overlay);

        var preStop = r.container().getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop)
                .as("preStop: keep serving while endpoint removal propagates")
                .containsExactly("sleep", Integer.toString(PRE_STOP_SLEEP));
        assertThat(delay)
                .as("quarkus.shutdown.delay: REST served, upgrades refused, until no new request comes")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        Long grace = r.podSpec().getTerminationGracePeriodSeconds();
        assertThat(grace).as("terminationGracePeriodSeconds").isEqualTo(40L);
        assertThat(Duration.ofSeconds(grace))
                .as("terminationGracePeriodSeconds above preStop + quarkus.shutdown.delay + quarkus.shutdown.timeout")
                .isGreaterThan(Duration.ofSeconds(PRE_STOP_SLEEP).plus(delay).plus(shutdown));
        assertThat(r.deployment().getSpec().getMinReadySeconds())
                .as("minReadySeconds: a new pod proves itself before the next old one stops")
                .isPositive();

        Duration idle = DurationConverter.parseDuration(
                appSetting("quarkus.http.idle-timeout").orElseThrow());
        assertThat(idle)
                .as("quarkus.http.idle-timeout above nginx's upstream keep-alive (60 s): no 502 on a reused connection")
                .isGreaterThan(Duration.ofSeconds(60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void replicasAndDatabaseInstancesAreWhatTheOverlayPromises(String overlay) {
        Rendered r = rendered(overlay);
        OverlayIntent intent = INTENTS.get(overlay);
        assertThat(intent)
                .as("deploy/overlays/%s must say what it promises in INTENTS", overlay)
                .isNotNull();

        assertThat(r.deployment().getSpec().getReplicas())
                .as("replicas: the autoscaler owns the count")
                .isNull();
        List<HorizontalPodAutoscaler> autoscalers = r.all(HorizontalPodAutoscaler.class);
        assertThat(autoscalers).hasSize(1);
        var hpa = autoscalers.get(0).getSpec();
        assertThat(hpa.getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getScaleTargetRef().getName())
                .isEqualTo(r.deployment().getMetadata().getName());
        assertThat(hpa.getMinReplicas()).isEqualTo(intent.minReplicas());
        assertThat(hpa.getMaxReplicas()).isEqualTo(intent.maxReplicas());

        assertThat(r.cluster().path("spec").path("instances").asInt()).isEqualTo(intent.databaseInstances());

        Set<String> spreadKeys = r.podSpec().getTopologySpreadConstraints().stream()
                .filter(c -> "DoNotSchedule".equals(c.getWhenUnsatisfiable()))
                .map(c -> c.getTopologyKey())
                .collect(Collectors.toSet());
        assertThat(spreadKeys.contains("kubernetes.io/hostname"))
                .as("one replica per node")
                .isEqualTo(intent.onePodPerNode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theDatabaseTakesEveryReplicasConnectionsDuringARollout(String overlay) {
        Rendered r = rendered(overlay);
        int pool = Integer.parseInt(r.setting("quarkus.datasource.jdbc.max-size")
                .orElseGet(() -> appSetting("quarkus.datasource.jdbc.max-size").orElse("20")));
        int maxReplicas = r.all(HorizontalPodAutoscaler.class).get(0).getSpec().getMaxReplicas();
        IntOrString surge =
                r.deployment().getSpec().getStrategy().getRollingUpdate().getMaxSurge();
        assertThat(surge.getIntVal()).as("maxSurge as a number of pods").isNotNull();
        JsonNode parameters = r.cluster().path("spec").path("postgresql").path("parameters");
        int maxConnections = parameters.has("max_connections")
                ? Integer.parseInt(parameters.get("max_connections").asText())
                : DEFAULT_MAX_CONNECTIONS;

        // Every pod: its pool, the feed's LISTEN connection and the readiness check's (deploy/README.md, "Scale").
        int perPod = pool + 2;
        // Old pods keep their connections until they exit. A rollout stops the next old pod only after a new one
        // has been ready for minReadySeconds, so at most grace / minReadySeconds (rounded up) are terminating at once.
        long grace = r.podSpec().getTerminationGracePeriodSeconds();
        int minReady = r.deployment().getSpec().getMinReadySeconds();
        int terminating = (int) ((grace + minReady - 1) / minReady);
        int pods = maxReplicas + surge.getIntVal() + terminating;
        int needed = pods * perPod;

        assertThat(needed)
                .as(
                        "connections of %d replicas, %d surge and %d terminating pods (pool %d + LISTEN + readiness)"
                                + " against max_connections %d",
                        maxReplicas, surge.getIntVal(), terminating, pool, maxConnections)
                .isLessThanOrEqualTo(maxConnections - RESERVED_CONNECTIONS);
    }

    @Test
    void theDashboardChartsMetricsTheApplicationExports() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries =
                dashboard.findValues("expr").stream().map(JsonNode::asText).toList();

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(queries)
                .as("dashboard queries")
                .isNotEmpty()
                .allSatisfy(query -> assertThat(query).containsAnyOf(EXPORTED_METRICS.toArray(String[]::new)));
        assertThat(String.join("\n", queries))
                .as("the live feed and the command path")
                .contains(
                        "ticketrail_feed_screens",
                        "ticketrail_feed_commit_to_send_seconds_bucket",
                        "ticketrail_feed_listen_connected",
                        "ticketrail_commands_total",
                        "agroal_awaiting_count");
        for (String overlay : overlays().toList()) {
            Rendered r = rendered(overlay);
            if (!r.all(ServiceMonitor.class).isEmpty()) {
                assertThat(r.all(ConfigMap.class))
                        .as("%s: the dashboard ships with the monitoring component", overlay)
                        .anySatisfy(map -> assertThat(map.getData()).containsKey("ticketrail.json"));
            }
        }
    }

    @Test
    void yamllintPassesOnDeploy() throws Exception {
        Path config = DEPLOY.resolve(".yamllint");
        ProcessResult result;
        try {
            result = run(List.of("yamllint", "-c", config.toString(), "--strict", "-f", "parsable", DEPLOY.toString()));
        } catch (IOException notInstalled) {
            throw new AssertionError(
                    "yamllint is not installed. .ci/run installs it (apt-get install -y yamllint);"
                            + " on a developer machine run the same. (" + notInstalled.getMessage() + ")",
                    notInstalled);
        }
        assertThat(result.exitCode())
                .as("yamllint on deploy/:%n%s%s", result.stdout(), result.stderr())
                .isZero();
    }

    // ---------------------------------------------------------------------------------------------------------------

    static void assertProbe(Rendered r, Probe probe, String kind, String path) {
        assertThat(probe).as("%s probe", kind).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("%s probe is an HTTP GET", kind).isNotNull();
        assertThat(get.getPath()).as("%s probe path", kind).isEqualTo(path);
        assertThat(r.containerPort(get.getPort())).as("%s probe port", kind).isEqualTo(appManagementPort());
    }

    static void assertSelects(String selector, Map<String, String> matchLabels, Map<String, String> labels) {
        assertThat(matchLabels).as(selector).isNotEmpty();
        assertThat(labels).as("labels %s selects", selector).containsAllEntriesOf(matchLabels);
    }

    static int appManagementPort() {
        return appSetting("quarkus.management.port").map(Integer::parseInt).orElse(9000);
    }

    static int appHttpPort() {
        return appSetting("quarkus.http.port").map(Integer::parseInt).orElse(8080);
    }

    /** The value the packaged application (prod profile) sees for a key of application.properties. */
    static Optional<String> appSetting(String key) {
        Properties properties = appProperties();
        return Optional.ofNullable(properties.getProperty("%prod." + key, properties.getProperty(key)));
    }

    /** Every property the application's @ConfigMapping interfaces read, as {@code ticketrail.access.cache-for}. */
    static Set<String> configMappingProperties() {
        Path sources = REPO.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            Set<String> properties = new TreeSet<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!Files.readString(file).contains("@ConfigMapping(")) {
                    continue;
                }
                String name =
                        sources.relativize(file).toString().replace(".java", "").replace('/', '.');
                Class<?> mapping = Class.forName(name);
                collectProperties(
                        mapping.getAnnotation(io.smallrye.config.ConfigMapping.class)
                                .prefix(),
                        mapping,
                        properties);
            }
            return properties;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectProperties(String prefix, Class<?> mapping, Set<String> properties) {
        for (java.lang.reflect.Method method : mapping.getMethods()) {
            String property = prefix + "."
                    + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == mapping) {
                collectProperties(property, method.getReturnType(), properties);
            } else {
                properties.add(property);
            }
        }
    }

    static Properties appProperties() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(APPLICATION_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The environment variable SmallRye Config maps to a property: every non-alphanumeric to _, upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }

    static Rendered rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Rendered::render);
    }

    record Parsed(JsonNode raw, HasMetadata typed) {}

    record Rendered(String overlay, List<Parsed> objects) {

        static Rendered render(String overlay) {
            Path dir = DEPLOY.resolve("overlays").resolve(overlay);
            ProcessResult result;
            try {
                result = run(List.of("kubectl", "kustomize", dir.toString()));
            } catch (IOException notInstalled) {
                throw new AssertionError(
                        "kubectl is not on PATH: it renders deploy/ (kubectl kustomize). (" + notInstalled.getMessage()
                                + ")",
                        notInstalled);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while rendering " + dir, e);
            }
            assertThat(result.exitCode())
                    .as("kubectl kustomize %s:%n%s", dir, result.stderr())
                    .isZero();

            List<Parsed> objects = new ArrayList<>();
            try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(result.stdout())) {
                while (documents.hasNext()) {
                    JsonNode node = documents.next();
                    if (node != null && !node.isEmpty()) {
                        objects.add(new Parsed(node, parse(overlay, node)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Rendered(overlay, List.copyOf(objects));
        }

        static HasMetadata parse(String overlay, JsonNode node) {
            String type =
                    node.path("apiVersion").asText() + "/" + node.path("kind").asText();
            String where = overlay + ": " + type + " "
                    + node.path("metadata").path("name").asText();
            Class<? extends HasMetadata> model = MODELS.get(type);
            if (model == null) {
                throw new AssertionError(where + ": no model for this kind; add it to MODELS with its checks");
            }
            Optional<CrdSchemas.Crd> crd = CrdSchemas.of(
                    node.path("apiVersion").asText(), node.path("kind").asText());
            if (crd.isEmpty() && model == GenericKubernetesResource.class) {
                throw new AssertionError(where + ": no model and no CRD schema; add its CRD's to CrdSchemas");
            }
            crd.ifPresent(c -> assertThat(c.violations(node))
                    .as("%s against the schema of its CRD (%s)", where, c.source())
                    .isEmpty());
            try {
                if (model == GenericKubernetesResource.class) {
                    return node.path("kind").asText().equals("Cluster")
                            ? checkCluster(where, node)
                            : BackupManifestsTest.checkBackupObject(where, node);
                }
                return STRICT.treeToValue(node, model);
            } catch (JsonProcessingException e) {
                String at = e instanceof JsonMappingException mapping ? " at " + mapping.getPathReference() : "";
                throw new AssertionError(
                        where + " does not match the Kubernetes model: " + e.getOriginalMessage() + at, e);
            }
        }

        /** The fields of a Cluster Ticketrail relies on; its CRD's schema has checked the rest. */
        static HasMetadata checkCluster(String where, JsonNode node) throws JsonProcessingException {
            JsonNode spec = node.path("spec");
            assertThat(spec.path("imageName").asText())
                    .as("%s spec.imageName", where)
                    .contains("postgresql:");
            JsonNode initdb = spec.path("bootstrap").path("initdb");
            assertThat(initdb.path("database").asText())
                    .as("%s bootstrap.initdb.database", where)
                    .isNotBlank();
            assertThat(initdb.path("owner").asText())
                    .as("%s bootstrap.initdb.owner", where)
                    .isNotBlank();
            new Quantity(spec.path("storage").path("size").asText()).getNumericalAmount();
            if (spec.has("resources")) {
                STRICT.treeToValue(spec.get("resources"), ResourceRequirements.class);
            }
            return new ObjectMapper().treeToValue(node, GenericKubernetesResource.class);
        }

        <T> List<T> all(Class<T> type) {
            return objects.stream()
                    .map(Parsed::typed)
                    .filter(type::isInstance)
                    .map(type::cast)
                    .toList();
        }

        /** The CloudNativePG Cluster as rendered (it has no typed model). */
        JsonNode cluster() {
            List<JsonNode> clusters = objects.stream()
                    .filter(o -> o.typed().getKind().equals("Cluster"))
                    .map(Parsed::raw)
                    .toList();
            assertThat(clusters).as("%s: one CloudNativePG Cluster", overlay).hasSize(1);
            return clusters.get(0);
        }

        Deployment deployment() {
            return all(Deployment.class).get(0);
        }

        PodSpec podSpec() {
            return deployment().getSpec().getTemplate().getSpec();
        }

        /** A setting as the pod sees it: its environment (ConfigMap or env), if it sets one. */
        Optional<String> setting(String property) {
            String name = envName(property);
            Optional<String> fromEnv = container().getEnv().stream()
                    .filter(v -> v.getName().equals(name) && v.getValue() != null)
                    .map(EnvVar::getValue)
                    .findFirst();
            if (fromEnv.isPresent()) {
                return fromEnv;
            }
            return all(ConfigMap.class).stream()
                    .filter(map -> container().getEnvFrom().stream()
                            .map(EnvFromSource::getConfigMapRef)
                            .filter(Objects::nonNull)
                            .anyMatch(ref ->
                                    ref.getName().equals(map.getMetadata().getName())))
                    .map(map -> map.getData() == null ? null : map.getData().get(name))
                    .filter(Objects::nonNull)
                    .findFirst();
        }

        Container container() {
            List<Container> containers = podSpec().getContainers();
            assertThat(containers).as("%s: one application container", overlay).hasSize(1);
            return containers.get(0);
        }

        Service appService() {
            Map<String, String> podLabels =
                    deployment().getSpec().getTemplate().getMetadata().getLabels();
            List<Service> services = all(Service.class).stream()
                    .filter(s -> podLabels
                            .entrySet()
                            .containsAll(s.getSpec().getSelector().entrySet()))
                    .toList();
            assertThat(services)
                    .as("%s: one Service selects the application's pods", overlay)
                    .hasSize(1);
            return services.get(0);
        }

        /** A port given by number or by the name of a container port, as the container port number. */
        Integer containerPort(IntOrString port) {
            if (port.getIntVal() != null) {
                return port.getIntVal();
            }
            return container().getPorts().stream()
                    .filter(p -> port.getStrVal().equals(p.getName()))
                    .map(ContainerPort::getContainerPort)
                    .findFirst()
                    .orElse(null);
        }

        /** Every variable any container gets: env entries and the keys of ConfigMaps pulled in with envFrom. */
        Set<String> environmentNames() {
            Set<String> names = new TreeSet<>();
            Stream.concat(podSpec().getContainers().stream(), podSpec().getInitContainers().stream())
                    .forEach(c -> names.addAll(environment(c).keySet()));
            return names;
        }

        /** What {@code container} sees: its ConfigMaps pulled in with envFrom, in order, then its env entries. */
        Map<String, EnvVar> environment(Container container) {
            Map<String, EnvVar> variables = new LinkedHashMap<>();
            for (EnvFromSource source : container.getEnvFrom()) {
                assertThat(source.getSecretRef())
                        .as("envFrom a Secret hides which variables are set")
                        .isNull();
                assertThat(source.getPrefix()).as("envFrom prefix").isNull();
                String name = source.getConfigMapRef().getName();
                ConfigMap map = all(ConfigMap.class).stream()
                        .filter(m -> m.getMetadata().getName().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + name));
                map.getData().forEach((key, value) -> variables.put(key, new EnvVar(key, value, null)));
            }
            container.getEnv().forEach(v -> variables.put(v.getName(), v));
            return variables;
        }
    }

    /** A Quarkus property as its extension documents it (META-INF/quarkus-config-doc in each runtime jar). */
    record QuarkusSetting(String property, String phase) {

        static Map<String, QuarkusSetting> documented() {
            Map<String, QuarkusSetting> byEnvName = new HashMap<>();
            try {
                for (URL model : Collections.list(DeployManifestsTest.class
                        .getClassLoader()
                        .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                    try (InputStream in = model.openStream()) {
                        collect(new ObjectMapper().readTree(in), byEnvName);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(byEnvName)
                    .as("Quarkus config models on the test classpath")
                    .containsKey("QUARKUS_DATASOURCE_JDBC_URL");
            return byEnvName;
        }

        static void collect(JsonNode node, Map<String, QuarkusSetting> byEnvName) {
            if (node.has("phase") && node.path("path").has("environmentVariable")) {
                List<JsonNode> paths = new ArrayList<>(List.of(node.get("path")));
                node.path("additionalPaths").forEach(paths::add);
                for (JsonNode path : paths) {
                    byEnvName.put(
                            path.path("environmentVariable").asText(),
                            new QuarkusSetting(
                                    path.path("property").asText(),
                                    node.get("phase").asText()));
                }
            }
            node.forEach(child -> collect(child, byEnvName));
        }
    }

    record ProcessResult(int exitCode, String stdout, String stderr) {}

    static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("deploy-manifests", ".stderr");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(REPO.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
            }
            return new ProcessResult(process.exitValue(), stdout, Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
