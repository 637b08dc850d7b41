package vn.lgsp.hub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kubernetes manifests in k8s/, rendered per overlay by {@link KustomizeRenderer} (offline,
 * no cluster, no kubectl needed) and checked against the trimmed schemas and the deployment
 * policies of docs/operations.md.
 */
class KubernetesManifestsTest {

    private static final String BASE = "k8s/base";
    private static final String DEV = "k8s/overlays/dev";
    private static final String PRODUCTION = "k8s/overlays/production";
    private static final Map<String, String> HUB_POD_LABELS =
            Map.of("app.kubernetes.io/name", "lgsp-hub", "app.kubernetes.io/component", "hub");

    private final ManifestSchemas schemas = new ManifestSchemas();

    // ------------------------------------------------------------------ schemas and hardening

    @ParameterizedTest
    @ValueSource(strings = {BASE, DEV, PRODUCTION})
    void everyRenderedObjectMatchesItsSchema(String kustomization) {
        Manifests manifests = Manifests.render(kustomization);
        assertTrue(manifests.objects().size() >= 10, kustomization + " renders only " + manifests.objects().size() + " objects");
        List<String> violations = manifests.objects().stream().flatMap(object -> schemas.violations(object).stream()).toList();
        assertEquals(List.of(), violations, kustomization);
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, DEV, PRODUCTION})
    void everyContainerIsProbedBoundedHardenedAndPinned(String kustomization) {
        List<ObjectNode> deployments = Manifests.render(kustomization).ofKind("Deployment");
        assertFalse(deployments.isEmpty(), kustomization + " renders no Deployment");
        List<String> violations = deployments.stream().flatMap(d -> PodHardeningPolicy.violations(d).stream()).toList();
        assertEquals(List.of(), violations, kustomization);
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, DEV, PRODUCTION})
    void hubReadsItsSettingsFromTheConfigMapTheDownwardApiAndSecretReferences(String kustomization) {
        Manifests manifests = Manifests.render(kustomization);
        ContainerEnvironment env = ContainerEnvironment.of(manifests, manifests.hubContainer());

        String clusterName = manifests.ofKind("Cluster").get(0).path("metadata").path("name").asText();
        String kafkaName = manifests.ofKind("Kafka").get(0).path("metadata").path("name").asText();
        // The URLs point at the Services the operators create for the clusters declared here.
        assertEquals("postgresql://" + clusterName + "-rw:5432/lgsp", env.get("QUARKUS_DATASOURCE_REACTIVE_URL").asText());
        assertEquals(kafkaName + "-kafka-bootstrap:9092", env.get("KAFKA_BOOTSTRAP_SERVERS").asText());
        assertEquals("false", env.get("LGSP_EMBEDDED_ENABLED").asText());
        assertEquals("metadata.name", env.get("LGSP_INSTANCE").path("fieldRef").path("fieldPath").asText());
        assertSecretKey(env.get("QUARKUS_DATASOURCE_USERNAME"), clusterName + "-app", "username");
        assertSecretKey(env.get("QUARKUS_DATASOURCE_PASSWORD"), clusterName + "-app", "password");
        assertSecretKey(env.get("LGSP_SECRETS_KEY"), "lgsp-hub-secrets", "secrets-key");
        assertTrue(env.get("JAVA_OPTS").asText().contains("-XX:MaxRAMPercentage=70"), "JAVA_OPTS: " + env.get("JAVA_OPTS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, DEV, PRODUCTION})
    void podIsReadOnlyWithAWritableTmpAndDrainsBeforeTheGracePeriodEnds(String kustomization) {
        Manifests manifests = Manifests.render(kustomization);
        JsonNode pod = manifests.hubPodSpec();
        JsonNode container = manifests.hubContainer();
        assertEquals(185, container.path("securityContext").path("runAsUser").asInt(pod.path("securityContext").path("runAsUser").asInt()));
        String tmpVolume = mountAt(container, "/tmp");
        JsonNode volume = listElement(pod.path("volumes"), "name", tmpVolume);
        assertTrue(volume.has("emptyDir"), "/tmp must be an emptyDir, is " + volume);

        int grace = pod.path("terminationGracePeriodSeconds").asInt();
        JsonNode sleep = container.path("lifecycle").path("preStop").path("exec").path("command");
        assertEquals("sleep", sleep.path(0).asText(), "preStop must sleep so endpoints forget the pod first");
        ContainerEnvironment env = ContainerEnvironment.of(manifests, container);
        int shutdown = Integer.parseInt(env.get("QUARKUS_SHUTDOWN_TIMEOUT").asText().replace("s", ""));
        assertEquals(30, grace);
        assertTrue(sleep.path(1).asInt() + shutdown < grace, "preStop sleep + shutdown timeout must end before SIGKILL");
    }

    // ------------------------------------------------------------------ wiring between objects

    @ParameterizedTest
    @ValueSource(strings = {BASE, DEV, PRODUCTION})
    void serviceTargetsANamedPortOfTheHubContainer(String kustomization) {
        Manifests manifests = Manifests.render(kustomization);
        JsonNode service = manifests.one("Service", "lgsp-hub");
        assertEquals("ClusterIP", service.path("spec").path("type").asText());
        assertSelects(service.path("spec").path("selector"), manifests);
        JsonNode port = listElement(service.path("spec").path("ports"), "name", "http");
        assertEquals(80, port.path("port").asInt());
        assertTrue(port.path("targetPort").isTextual(), "targetPort should name the container port");
        JsonNode containerPort = listElement(manifests.hubContainer().path("ports"), "name", port.path("targetPort").asText());
        assertEquals(8080, containerPort.path("containerPort").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, PRODUCTION})
    void budgetAndAutoscalerTargetTheHubPods(String kustomization) {
        Manifests manifests = Manifests.render(kustomization);
        JsonNode pdb = manifests.one("PodDisruptionBudget", "lgsp-hub").path("spec");
        JsonNode hpa = manifests.one("HorizontalPodAutoscaler", "lgsp-hub").path("spec");
        JsonNode deployment = manifests.one("Deployment", "lgsp-hub");

        assertSelects(pdb.path("selector").path("matchLabels"), manifests);
        assertEquals("Deployment", hpa.path("scaleTargetRef").path("kind").asText());
        assertEquals("lgsp-hub", hpa.path("scaleTargetRef").path("name").asText());
        assertEquals(deployment.path("spec").path("replicas").asInt(), hpa.path("minReplicas").asInt(),
                "the Deployment starts at the autoscaler's minimum");
        assertTrue(pdb.path("minAvailable").asInt() >= 1);
        assertTrue(pdb.path("minAvailable").asInt() < hpa.path("minReplicas").asInt(),
                "minAvailable must leave one pod evictable, or node drains block forever");
        JsonNode cpu = hpa.path("metrics").get(0).path("resource");
        assertEquals("cpu", cpu.path("name").asText());
        assertEquals(70, cpu.path("target").path("averageUtilization").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, DEV, PRODUCTION})
    void networkPolicySelectsTheHubPodsAndOpensOnlyTheAgreedPorts(String kustomization) {
        Manifests manifests = Manifests.render(kustomization);
        JsonNode policy = manifests.one("NetworkPolicy", "lgsp-hub").path("spec");
        assertSelects(policy.path("podSelector").path("matchLabels"), manifests);
        assertEquals(Set.of("Ingress", "Egress"), texts(policy.path("policyTypes")));

        Set<String> sources = new HashSet<>();
        for (JsonNode rule : policy.path("ingress")) {
            assertEquals(Set.of("TCP/8080"), ports(rule), "ingress only to the HTTP port");
            rule.path("from").forEach(peer -> sources.add(peer.path("namespaceSelector").path("matchLabels").toString()));
        }
        assertEquals(Set.of("{\"lgsp.vn/ingress\":\"true\"}", "{\"kubernetes.io/metadata.name\":\"monitoring\"}"), sources);

        Set<String> egress = new HashSet<>();
        policy.path("egress").forEach(rule -> egress.addAll(ports(rule)));
        assertEquals(Set.of("TCP/5432", "TCP/9092", "TCP/9093", "UDP/53", "TCP/53", "TCP/443", "TCP/80"), egress);
        // The database and broker rules point at the clusters declared in the same render.
        String clusterName = manifests.ofKind("Cluster").get(0).path("metadata").path("name").asText();
        String kafkaName = manifests.ofKind("Kafka").get(0).path("metadata").path("name").asText();
        String destinations = policy.path("egress").toString();
        assertTrue(destinations.contains("\"cnpg.io/cluster\":\"" + clusterName + "\""), destinations);
        assertTrue(destinations.contains("\"strimzi.io/cluster\":\"" + kafkaName + "\""), destinations);
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, DEV, PRODUCTION})
    void prometheusScrapesTheMetricsPath(String kustomization) {
        Manifests manifests = Manifests.render(kustomization);
        JsonNode monitor = manifests.one("ServiceMonitor", "lgsp-hub").path("spec");
        assertSelects(monitor.path("selector").path("matchLabels"), manifests);
        JsonNode endpoint = monitor.path("endpoints").get(0);
        assertEquals("/q/metrics", endpoint.path("path").asText());
        // The ServiceMonitor names a port of the Service (fails when there is none of that name).
        listElement(manifests.one("Service", "lgsp-hub").path("spec").path("ports"), "name", endpoint.path("port").asText());
        JsonNode annotations = manifests.one("Deployment", "lgsp-hub").path("spec").path("template").path("metadata").path("annotations");
        assertEquals("true", annotations.path("prometheus.io/scrape").asText());
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
        assertEquals("8080", annotations.path("prometheus.io/port").asText());
    }

    // ------------------------------------------------------------------ secrets

    @Test
    void noSecretIsCommittedOnlyReferenced() throws IOException {
        List<Path> yamlFiles;
        try (Stream<Path> files = Files.walk(Path.of("k8s"))) {
            yamlFiles = files.filter(file -> file.toString().endsWith(".yaml")).toList();
        }
        assertTrue(yamlFiles.size() >= 15, "found only " + yamlFiles);
        for (Path file : yamlFiles) {
            for (ObjectNode document : KustomizeRenderer.readDocuments(file)) {
                assertNotEquals("Secret", document.path("kind").asText(), file + " declares a Secret");
            }
        }
        for (String kustomization : List.of(BASE, DEV, PRODUCTION)) {
            Manifests manifests = Manifests.render(kustomization);
            assertTrue(manifests.ofKind("Secret").isEmpty(), kustomization + " renders a Secret");
            Set<String> referenced = new HashSet<>();
            manifests.hubContainer().path("env").forEach(variable -> {
                JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    referenced.add(ref.path("name").asText());
                }
            });
            assertEquals(Set.of("lgsp-hub-secrets", "lgsp-db-app"), referenced, kustomization);
        }
        // Keycloak generates client secrets on import: none may be written in the realm.
        assertFalse(realm(Manifests.render(BASE)).toString().contains("\"secret\""), "the realm JSON holds a client secret");
    }

    // ------------------------------------------------------------------ overlays

    @Test
    void productionRunsThreePinnedHubsOnDistinctNodesScalingToTen() {
        Manifests production = Manifests.render(PRODUCTION);
        JsonNode deployment = production.one("Deployment", "lgsp-hub");
        assertEquals(3, deployment.path("spec").path("replicas").asInt());
        JsonNode hpa = production.one("HorizontalPodAutoscaler", "lgsp-hub").path("spec");
        assertEquals(3, hpa.path("minReplicas").asInt());
        assertEquals(10, hpa.path("maxReplicas").asInt());

        JsonNode required = production.hubPodSpec().path("affinity").path("podAntiAffinity").path("requiredDuringSchedulingIgnoredDuringExecution");
        assertEquals(1, required.size(), "production needs required pod anti-affinity");
        assertEquals("kubernetes.io/hostname", required.get(0).path("topologyKey").asText());
        assertSelects(required.get(0).path("labelSelector").path("matchLabels"), production);

        String image = production.hubContainer().path("image").asText();
        assertEquals("ghcr.io/lgsp-hub/lgsp-hub:0.1.0", image);
        for (ObjectNode object : production.objects()) {
            String expected = "Namespace".equals(object.path("kind").asText()) ? "" : "lgsp";
            assertEquals(expected, object.path("metadata").path("namespace").asText(""), object.path("metadata").toString());
        }
        assertEquals("lgsp", production.ofKind("Namespace").get(0).path("metadata").path("name").asText());
    }

    @Test
    void devRunsOneOfEverythingWithoutAutoscalingBudgetsOrBackups() {
        Manifests dev = Manifests.render(DEV);
        Manifests base = Manifests.render(BASE);
        assertEquals(1, dev.one("Deployment", "lgsp-hub").path("spec").path("replicas").asInt());
        assertTrue(dev.ofKind("HorizontalPodAutoscaler").isEmpty());
        assertTrue(dev.ofKind("PodDisruptionBudget").isEmpty());
        assertTrue(dev.ofKind("ScheduledBackup").isEmpty());

        JsonNode devLimits = dev.hubContainer().path("resources").path("limits");
        JsonNode baseLimits = base.hubContainer().path("resources").path("limits");
        assertEquals("768Mi", devLimits.path("memory").asText());
        assertEquals("1536Mi", baseLimits.path("memory").asText());
        assertEquals(base.hubContainer().path("image"), dev.hubContainer().path("image"),
                "the merge of the container by name keeps its other fields");

        JsonNode cluster = dev.one("Cluster", "lgsp-db").path("spec");
        assertEquals(1, cluster.path("instances").asInt());
        assertTrue(cluster.path("backup").isMissingNode(), "dev has no object store");
        assertTrue(cluster.path("postgresql").path("synchronous").isMissingNode(), "one instance cannot replicate synchronously");
        assertEquals(1, dev.one("KafkaNodePool", "dual-role").path("spec").path("replicas").asInt());
        assertEquals("lgsp-dev", dev.ofKind("Namespace").get(0).path("metadata").path("name").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, DEV, PRODUCTION})
    void kafkaReplicationFitsTheNodesItHas(String kustomization) {
        Manifests manifests = Manifests.render(kustomization);
        int brokers = 0;
        for (ObjectNode pool : manifests.ofKind("KafkaNodePool")) {
            assertEquals("lgsp-kafka", pool.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            if (texts(pool.path("spec").path("roles")).contains("broker")) {
                brokers += pool.path("spec").path("replicas").asInt();
            }
        }
        JsonNode config = manifests.one("Kafka", "lgsp-kafka").path("spec").path("kafka").path("config");
        int replication = config.path("default.replication.factor").asInt();
        int minInSync = config.path("min.insync.replicas").asInt();
        assertTrue(replication <= brokers && config.path("offsets.topic.replication.factor").asInt() <= brokers,
                "replication factors above the " + brokers + " brokers");
        assertTrue(minInSync <= replication && (replication == 1 || minInSync < replication),
                "min ISR " + minInSync + " with RF " + replication + ": one broker down must not stop acks=all writes");
        for (ObjectNode topic : manifests.ofKind("KafkaTopic")) {
            int replicas = topic.path("spec").path("replicas").asInt();
            assertTrue(replicas <= brokers && minInSync <= replicas, topic.path("metadata").path("name") + " has " + replicas + " replicas");
        }
    }

    // ------------------------------------------------------------------ data services

    @Test
    void kafkaIsAKraftClusterWithTheAgreedListenersAndTopics() {
        Manifests base = Manifests.render(BASE);
        JsonNode kafka = base.one("Kafka", "lgsp-kafka");
        assertEquals("enabled", kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText());
        assertEquals("enabled", kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText());
        assertFalse(kafka.path("spec").has("zookeeper"));
        Map<String, String> listeners = new LinkedHashMap<>();
        kafka.path("spec").path("kafka").path("listeners").forEach(l -> listeners.put(l.path("name").asText(), l.path("port").asInt() + "/tls=" + l.path("tls").asBoolean()));
        assertEquals(Map.of("plain", "9092/tls=false", "tls", "9093/tls=true"), listeners);
        JsonNode config = kafka.path("spec").path("kafka").path("config");
        assertEquals(2, config.path("min.insync.replicas").asInt());
        assertEquals(3, config.path("default.replication.factor").asInt());
        JsonNode pool = base.one("KafkaNodePool", "dual-role").path("spec");
        assertEquals(3, pool.path("replicas").asInt());
        assertEquals(Set.of("controller", "broker"), texts(pool.path("roles")));

        long thirtyDays = 30L * 24 * 3600 * 1000;
        assertTopic(base, "lgsp.registry.events", 6, 3, thirtyDays);
        assertTopic(base, "lgsp.transactions", 12, 3, thirtyDays);
        assertEquals(3, base.one("KafkaTopic", "lgsp.connection.events").path("spec").path("partitions").asInt());
        assertEquals(3, base.ofKind("KafkaTopic").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, PRODUCTION})
    void postgresBootstrapsTheHubDatabaseBacksUpAndHasConnectionsForEveryHub(String kustomization) {
        Manifests manifests = Manifests.render(kustomization);
        JsonNode cluster = manifests.one("Cluster", "lgsp-db").path("spec");
        assertEquals(3, cluster.path("instances").asInt());
        assertEquals("50Gi", cluster.path("storage").path("size").asText());
        assertEquals("lgsp", cluster.path("bootstrap").path("initdb").path("database").asText());
        assertEquals("lgsp", cluster.path("bootstrap").path("initdb").path("owner").asText());
        JsonNode store = cluster.path("backup").path("barmanObjectStore");
        assertFalse(store.path("destinationPath").asText().isEmpty());
        assertFalse(store.path("s3Credentials").path("accessKeyId").path("name").asText().isEmpty(), "credentials by reference");
        assertEquals("lgsp-db", manifests.one("ScheduledBackup", "lgsp-db-daily").path("spec").path("cluster").path("name").asText());

        ContainerEnvironment env = ContainerEnvironment.of(manifests, manifests.hubContainer());
        int pool = env.get("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE").asInt();
        int hubs = manifests.one("HorizontalPodAutoscaler", "lgsp-hub").path("spec").path("maxReplicas").asInt();
        int maxConnections = Integer.parseInt(cluster.path("postgresql").path("parameters").path("max_connections").asText());
        assertTrue((pool + 2) * hubs < maxConnections, "max_connections " + maxConnections + " < " + hubs + " hubs x (pool " + pool + " + 2)");
    }

    @Test
    void keycloakRealmDeclaresTheRolesAndClients() {
        JsonNode realm = realm(Manifests.render(BASE));
        assertEquals("lgsp", realm.path("realm").asText());
        assertEquals(Set.of("admin", "system_owner", "integrator", "operator"), names(realm.path("roles").path("realm"), "name"));

        JsonNode hub = listElement(realm.path("clients"), "clientId", "lgsp-hub");
        assertFalse(hub.path("publicClient").asBoolean());
        assertFalse(hub.path("standardFlowEnabled").asBoolean() || hub.path("directAccessGrantsEnabled").asBoolean()
                || hub.path("serviceAccountsEnabled").asBoolean(), "the resource server obtains no tokens");

        JsonNode console = listElement(realm.path("clients"), "clientId", "lgsp-console");
        assertTrue(console.path("publicClient").asBoolean());
        assertTrue(console.path("standardFlowEnabled").asBoolean());
        assertFalse(console.path("implicitFlowEnabled").asBoolean());
        assertEquals("S256", console.path("attributes").path("pkce.code.challenge.method").asText());

        JsonNode integrator = listElement(realm.path("clients"), "clientId", "integrator-camau-g");
        assertTrue(integrator.path("serviceAccountsEnabled").asBoolean());
        JsonNode claim = listElement(integrator.path("protocolMappers"), "name", "system_code");
        assertEquals("oidc-hardcoded-claim-mapper", claim.path("protocolMapper").asText());
        assertEquals("system_code", claim.path("config").path("claim.name").asText());
        JsonNode serviceAccount = listElement(realm.path("users"), "serviceAccountClientId", "integrator-camau-g");
        assertEquals(Set.of("integrator"), texts(serviceAccount.path("realmRoles")));
    }

    // ------------------------------------------------------------------ the checks catch mistakes

    @Test
    void schemaValidationAndHardeningPolicyReportABrokenManifest() {
        String broken = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                spec:
                  replica: 2
                  selector:
                    matchLabels: {app: broken}
                  template:
                    metadata:
                      labels: {app: broken}
                    spec:
                      containers:
                        - name: hub
                          image: ghcr.io/lgsp-hub/lgsp-hub:latest
                          ports:
                            - containerPort: "8080"
                          resources:
                            limits:
                              memroy: 1Gi
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken
                data:
                  LGSP_EMBEDDED_ENABLED: false
                ---
                apiVersion: postgresql.cnpg.io/v1
                kind: ScheduledBackup
                metadata:
                  name: broken
                spec:
                  schedule: "0 2 * * *"
                  cluster: {name: lgsp-db}
                ---
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: broken
                """;
        List<ObjectNode> objects = KustomizeRenderer.parseDocuments(broken, "inline");
        List<String> violations = objects.stream().flatMap(object -> schemas.violations(object).stream()).toList();
        String report = String.join("\n", violations);
        for (String expected : List.of("replica", "containerPort", "memroy", "LGSP_EMBEDDED_ENABLED", "schedule", "no schema for apps/v1 Deploymnet")) {
            assertTrue(report.contains(expected), "not reported: " + expected + "\n" + report);
        }

        String policy = String.join("\n", PodHardeningPolicy.violations(objects.get(0)));
        for (String expected : List.of("has no startupProbe", "has no livenessProbe", "has no readinessProbe",
                "has no resources.requests.cpu", "runAsNonRoot is not true", "readOnlyRootFilesystem is not true",
                "allowPrivilegeEscalation is not false", "capabilities.drop does not contain ALL",
                "automountServiceAccountToken is not false", "is not pinned")) {
            assertTrue(policy.contains(expected), "not reported: " + expected + "\n" + policy);
        }
    }

    @Test
    void rendererAppliesPatchesImagesAndNamespaceAndRefusesWhatItCannotDo(@TempDir Path dir) throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("kustomization.yaml"), "resources: [app.yaml]\n");
        Files.writeString(base.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - {name: a, image: "registry:5000/app:1.0", env: [{name: X, value: "1"}]}
                        - {name: b, image: other:2}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: gone}
                """);
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                namespace: team
                resources: [../base]
                images: [{name: "registry:5000/app", newTag: "1.1"}]
                patches:
                  - patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata: {name: app}
                      spec:
                        template:
                          spec:
                            containers:
                              - {name: a, env: [{name: Y, value: "2"}]}
                  - target: {kind: Deployment, name: app}
                    patch: |-
                      - {op: replace, path: /spec/replicas, value: 1}
                  - patch: |-
                      {apiVersion: v1, kind: ConfigMap, metadata: {name: gone}, $patch: delete}
                """);
        List<ObjectNode> rendered = new KustomizeRenderer().render(overlay);
        assertEquals(1, rendered.size(), "the ConfigMap is deleted");
        JsonNode deployment = rendered.get(0);
        assertEquals("team", deployment.path("metadata").path("namespace").asText());
        assertEquals(1, deployment.path("spec").path("replicas").asInt());
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertEquals(2, containers.size(), "containers merge by name");
        assertEquals("registry:5000/app:1.1", containers.get(0).path("image").asText());
        assertEquals("Y", containers.get(0).path("env").get(0).path("name").asText(), "new elements come first, as in kustomize");
        assertEquals(Set.of("X", "Y"), names(containers.get(0).path("env"), "name"));
        assertEquals("other:2", containers.get(1).path("image").asText());

        Files.writeString(overlay.resolve("kustomization.yaml"), """
                resources: [../base]
                patches:
                  - target: {kind: Deployment, name: ap}
                    patch: |-
                      - {op: replace, path: /spec/replicas, value: 1}
                """);
        assertThrows(IllegalStateException.class, () -> new KustomizeRenderer().render(overlay), "a patch that matches nothing");
        Files.writeString(overlay.resolve("kustomization.yaml"), "resources: [../base]\ncommonLabels: {a: b}\n");
        assertThrows(IllegalArgumentException.class, () -> new KustomizeRenderer().render(overlay), "an unsupported field");
    }

    /** When kubectl is installed (not in CI), the renderer must agree with real kustomize. */
    @ParameterizedTest
    @ValueSource(strings = {BASE, DEV, PRODUCTION})
    void rendererAgreesWithKubectlKustomizeWhenAvailable(String kustomization) throws Exception {
        String kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(directory -> Path.of(directory, "kubectl")).filter(Files::isExecutable)
                .map(Path::toString).findFirst().orElse(null);
        assumeTrue(kubectl != null, "kubectl is not installed");
        Process process = new ProcessBuilder(kubectl, "kustomize", kustomization).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "kubectl kustomize " + kustomization + " failed");
        assertEquals(sorted(KustomizeRenderer.parseDocuments(output, "kubectl")), sorted(Manifests.render(kustomization).objects()));
    }

    // ------------------------------------------------------------------ helpers

    private static void assertSecretKey(JsonNode valueFrom, String secret, String key) {
        assertEquals(secret, valueFrom.path("secretKeyRef").path("name").asText(), valueFrom.toString());
        assertEquals(key, valueFrom.path("secretKeyRef").path("key").asText(), valueFrom.toString());
    }

    /** The selector must be non-empty and match the hub Deployment's pod labels. */
    private static void assertSelects(JsonNode matchLabels, Manifests manifests) {
        JsonNode podLabels = manifests.one("Deployment", "lgsp-hub").path("spec").path("template").path("metadata").path("labels");
        assertFalse(matchLabels.isEmpty(), "empty selector");
        matchLabels.fields().forEachRemaining(label ->
                assertEquals(label.getValue().asText(), podLabels.path(label.getKey()).asText(null), "selector " + matchLabels + " vs pod labels " + podLabels));
        HUB_POD_LABELS.forEach((key, value) -> assertEquals(value, matchLabels.path(key).asText(), "selector " + matchLabels + " is not the hub's"));
    }

    private static void assertTopic(Manifests manifests, String name, int partitions, int replicas, long retentionMs) {
        JsonNode topic = manifests.one("KafkaTopic", name);
        assertEquals("lgsp-kafka", topic.path("metadata").path("labels").path("strimzi.io/cluster").asText());
        assertEquals(name, topic.path("spec").path("topicName").asText());
        assertEquals(partitions, topic.path("spec").path("partitions").asInt(), name);
        assertEquals(replicas, topic.path("spec").path("replicas").asInt(), name);
        assertEquals(retentionMs, topic.path("spec").path("config").path("retention.ms").asLong(), name);
    }

    private static JsonNode realm(Manifests manifests) {
        String json = manifests.one("ConfigMap", "lgsp-keycloak-realm").path("data").path("lgsp-realm.json").asText();
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("the realm is not JSON: " + e.getMessage(), e);
        }
    }

    private static String mountAt(JsonNode container, String path) {
        return listElement(container.path("volumeMounts"), "mountPath", path).path("name").asText();
    }

    private static JsonNode listElement(JsonNode list, String key, String value) {
        for (JsonNode element : list) {
            if (value.equals(element.path(key).asText())) {
                return element;
            }
        }
        throw new AssertionError("no element with " + key + "=" + value + " in " + list);
    }

    private static Set<String> ports(JsonNode rule) {
        Set<String> ports = new HashSet<>();
        rule.path("ports").forEach(port -> ports.add(port.path("protocol").asText("TCP") + "/" + port.path("port").asText()));
        return ports;
    }

    private static Set<String> texts(JsonNode list) {
        Set<String> texts = new HashSet<>();
        list.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static Set<String> names(JsonNode list, String key) {
        Set<String> names = new HashSet<>();
        list.forEach(element -> names.add(element.path(key).asText()));
        return names;
    }

    private static List<ObjectNode> sorted(List<ObjectNode> objects) {
        List<ObjectNode> copy = new ArrayList<>(objects);
        copy.sort(Comparator.comparing(object -> KustomizeRenderer.ObjectIdentity.of(object).toString()));
        return copy;
    }
}
