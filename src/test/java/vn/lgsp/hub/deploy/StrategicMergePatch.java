package vn.lgsp.hub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The part of Kubernetes' strategic merge patch that k8s/ uses: mappings merge recursively, a
 * null value removes its key, {@code $patch: delete} at the top removes the whole object, and
 * the pod-template lists below merge element by element on their merge key. Every other list
 * is replaced whole, which is what kustomize does for lists without a merge key (and for all
 * lists of custom resources); patch such lists with a JSON 6902 patch instead.
 */
final class StrategicMergePatch {

    /** List field -> merge key, from the Kubernetes API (patchMergeKey). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath");

    private StrategicMergePatch() {
    }

    static boolean deletes(ObjectNode patch) {
        return "delete".equals(patch.path("$patch").asText());
    }

    static void apply(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            JsonNode current = target.get(name);
            if (name.startsWith("$")) {
                throw new IllegalArgumentException("directive " + name + " is only supported as '$patch: delete' at the top");
            } else if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && current != null && current.isObject()) {
                apply((ObjectNode) current, (ObjectNode) value);
            } else if (value.isArray() && current != null && current.isArray() && MERGE_KEYS.containsKey(name)) {
                mergeByKey((ArrayNode) current, (ArrayNode) value, MERGE_KEYS.get(name));
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    /** Elements only in the patch come first, in patch order, as kustomize outputs them. */
    private static void mergeByKey(ArrayNode current, ArrayNode patch, String key) {
        int inserted = 0;
        for (JsonNode element : patch) {
            ObjectNode existing = find(current, key, element.path(key).asText());
            if (existing == null) {
                current.insert(inserted++, element.deepCopy());
            } else {
                apply(existing, (ObjectNode) element);
            }
        }
    }

    private static ObjectNode find(ArrayNode list, String key, String value) {
        for (JsonNode element : list) {
            if (element.path(key).asText().equals(value)) {
                return (ObjectNode) element;
            }
        }
        return null;
    }
}
