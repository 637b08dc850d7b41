package vn.lgsp.hub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's environment as the kubelet builds it: the ConfigMaps of {@code envFrom} first,
 * then {@code env}, which wins. A literal value is text; a {@code valueFrom} stays a reference.
 */
final class ContainerEnvironment {

    private final String source;
    private final Map<String, JsonNode> variables = new LinkedHashMap<>();

    private ContainerEnvironment(String source) {
        this.source = source;
    }

    static ContainerEnvironment of(Manifests manifests, JsonNode container) {
        ContainerEnvironment environment = new ContainerEnvironment(manifests.source() + " container " + container.path("name").asText());
        for (JsonNode envFrom : container.path("envFrom")) {
            String configMap = envFrom.path("configMapRef").path("name").asText();
            manifests.one("ConfigMap", configMap).path("data").fields()
                    .forEachRemaining(entry -> environment.variables.put(entry.getKey(), entry.getValue()));
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode value = variable.has("value") ? TextNode.valueOf(variable.path("value").asText()) : variable.path("valueFrom");
            environment.variables.put(variable.path("name").asText(), value);
        }
        return environment;
    }

    /** The variable's value or reference; fails the test when the container does not have it. */
    JsonNode get(String name) {
        JsonNode value = variables.get(name);
        if (value == null) {
            throw new AssertionError(source + " has no variable " + name + " (has " + variables.keySet() + ")");
        }
        return value;
    }
}
