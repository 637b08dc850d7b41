package vn.lgsp.hub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates Kubernetes objects against the trimmed JSON Schemas in
 * src/test/resources/k8s-schemas (written for this project, offline: only the fields the
 * manifests use and their usual neighbours, closed with {@code additionalProperties: false} so
 * that a misspelt field is an error). An object of a kind without a schema is an error too.
 */
final class ManifestSchemas {

    private static final String BASE_URI = "https://lgsp.vn/k8s-schemas/";

    /** "apiVersion kind" -> schema file. */
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("v1 Namespace", "namespace.json"),
            Map.entry("v1 ServiceAccount", "serviceaccount.json"),
            Map.entry("v1 ConfigMap", "configmap.json"),
            Map.entry("v1 Service", "service.json"),
            Map.entry("apps/v1 Deployment", "deployment.json"),
            Map.entry("policy/v1 PodDisruptionBudget", "poddisruptionbudget.json"),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", "horizontalpodautoscaler.json"),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", "networkpolicy.json"),
            Map.entry("monitoring.coreos.com/v1 ServiceMonitor", "servicemonitor.json"),
            Map.entry("postgresql.cnpg.io/v1 Cluster", "cnpg-cluster.json"),
            Map.entry("postgresql.cnpg.io/v1 ScheduledBackup", "cnpg-scheduledbackup.json"),
            Map.entry("kafka.strimzi.io/v1beta2 Kafka", "strimzi-kafka.json"),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaNodePool", "strimzi-kafkanodepool.json"),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaTopic", "strimzi-kafkatopic.json"));

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE_URI, "classpath:k8s-schemas/")));
    private final Map<String, JsonSchema> loaded = new HashMap<>();

    /** What is wrong with {@code object}, one line each, prefixed with the object's kind and name. */
    List<String> violations(JsonNode object) {
        String type = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        String id = type + " " + object.path("metadata").path("name").asText();
        String file = FILES.get(type);
        if (file == null) {
            return List.of(id + ": no schema for " + type);
        }
        JsonSchema schema = loaded.computeIfAbsent(file, name -> factory.getSchema(SchemaLocation.of(BASE_URI + name)));
        return schema.validate(object).stream().map(message -> id + ": " + message.getMessage()).sorted().toList();
    }
}
