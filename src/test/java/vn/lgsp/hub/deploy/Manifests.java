package vn.lgsp.hub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The objects one kustomization renders to, with look-ups by kind and name. */
record Manifests(String source, List<ObjectNode> objects) {

    static Manifests render(String kustomizationDirectory) {
        return new Manifests(kustomizationDirectory, new KustomizeRenderer().render(Path.of(kustomizationDirectory)));
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(object -> name.equals(object.path("metadata").path("name").asText())).findFirst();
    }

    /** The object of that kind and name; fails the test when it is missing. */
    ObjectNode one(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(source + " renders no " + kind + " " + name));
    }

    /** The pod spec of the hub Deployment's template. */
    JsonNode hubPodSpec() {
        return one("Deployment", "lgsp-hub").path("spec").path("template").path("spec");
    }

    /** The container named "hub" of the hub Deployment; fails the test when it is missing. */
    JsonNode hubContainer() {
        for (JsonNode container : hubPodSpec().path("containers")) {
            if ("hub".equals(container.path("name").asText())) {
                return container;
            }
        }
        throw new AssertionError(source + ": the lgsp-hub Deployment has no container named hub");
    }
}
