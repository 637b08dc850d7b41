package vn.lgsp.hub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization directory as {@code kubectl kustomize} does, for the subset of
 * kustomize that k8s/ uses. Supported fields of kustomization.yaml:
 * <ul>
 *   <li>{@code resources}: YAML files (several documents each) and directories holding a
 *       kustomization.yaml, rendered first;</li>
 *   <li>{@code patches}: from {@code path} or inline {@code patch}; a mapping is a strategic
 *       merge patch ({@link StrategicMergePatch}), a sequence is a JSON 6902 patch
 *       ({@link Json6902Patch}); {@code target} selects by {@code group}, {@code version},
 *       {@code kind} and exact {@code name}; without a target a strategic merge patch applies to
 *       the object of its own kind and name;</li>
 *   <li>{@code images}: {@code name} with {@code newName}, {@code newTag} or {@code digest}, on
 *       the containers and init containers of pod templates;</li>
 *   <li>{@code namespace}: set on every object except Namespaces.</li>
 * </ul>
 * Anything else (labels, generators, components, replacements...) is refused rather than
 * ignored, and so is a patch that matches nothing or two objects with the same identity, so
 * the test never checks something other than what kustomize would apply.
 */
final class KustomizeRenderer {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "patches", "images", "namespace");

    /** The objects kustomize would output for the kustomization in {@code directory}. */
    List<ObjectNode> render(Path directory) {
        ObjectNode kustomization = readKustomization(directory);
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : readDocuments(path));
        }
        requireUniqueIdentities(objects, directory);
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(objects, patch, directory);
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(object -> setImage(object, image));
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            objects.stream()
                    .filter(object -> !"Namespace".equals(object.path("kind").asText()))
                    .forEach(object -> ((ObjectNode) object.get("metadata")).put("namespace", namespace));
        }
        return objects;
    }

    /** Every YAML document of a file, as objects; empty documents are skipped. */
    static List<ObjectNode> readDocuments(Path file) {
        try {
            return parseDocuments(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of {@code yaml}, as objects; {@code source} names it in errors. */
    static List<ObjectNode> parseDocuments(String yaml, String source) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException(source + ": a document is not a mapping");
                }
                documents.add((ObjectNode) document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        return documents;
    }

    private static ObjectNode readKustomization(Path directory) {
        List<ObjectNode> documents = readDocuments(directory.resolve("kustomization.yaml"));
        if (documents.size() != 1) {
            throw new IllegalArgumentException(directory + ": kustomization.yaml must hold one document");
        }
        ObjectNode kustomization = documents.get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new IllegalArgumentException(directory + ": kustomization field '" + field
                        + "' is not supported by this renderer");
            }
        });
        return kustomization;
    }

    private static void requireUniqueIdentities(List<ObjectNode> objects, Path directory) {
        Set<String> seen = new HashSet<>();
        for (ObjectNode object : objects) {
            String id = ObjectIdentity.of(object).toString();
            if (!seen.add(id)) {
                throw new IllegalStateException(directory + ": " + id + " is declared twice");
            }
        }
    }

    private static void applyPatch(List<ObjectNode> objects, JsonNode entry, Path directory) {
        String source = entry.has("path") ? directory.resolve(entry.get("path").asText()).toString() : directory + " (inline patch)";
        String text = entry.has("path") ? readText(directory.resolve(entry.get("path").asText())) : entry.path("patch").asText();
        JsonNode patch = parseSingle(text, source);
        JsonNode target = entry.get("target");
        if (patch.isArray()) {
            if (target == null) {
                throw new IllegalArgumentException(source + ": a JSON 6902 patch needs a target");
            }
            for (ObjectNode object : matching(objects, target, source)) {
                Json6902Patch.apply(object, (ArrayNode) patch);
            }
            return;
        }
        ObjectNode mergePatch = (ObjectNode) patch;
        JsonNode selector = target != null ? target : selectorOf(mergePatch);
        for (ObjectNode object : matching(objects, selector, source)) {
            if (StrategicMergePatch.deletes(mergePatch)) {
                objects.remove(object);
            } else {
                StrategicMergePatch.apply(object, mergePatch);
            }
        }
    }

    private static JsonNode selectorOf(ObjectNode mergePatch) {
        ObjectNode selector = YAML.createObjectNode();
        String apiVersion = mergePatch.path("apiVersion").asText();
        selector.put("group", apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "");
        selector.put("kind", mergePatch.path("kind").asText());
        selector.put("name", mergePatch.path("metadata").path("name").asText());
        return selector;
    }

    private static List<ObjectNode> matching(List<ObjectNode> objects, JsonNode selector, String source) {
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode object : objects) {
            ObjectIdentity id = ObjectIdentity.of(object);
            if (matches(selector, "group", id.group()) && matches(selector, "version", id.version())
                    && matches(selector, "kind", id.kind()) && matches(selector, "name", id.name())) {
                matches.add(object);
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalStateException(source + ": the patch matches no object (" + selector + ")");
        }
        return matches;
    }

    private static boolean matches(JsonNode selector, String field, String value) {
        return !selector.has(field) || selector.get(field).asText().equals(value);
    }

    private static void setImage(ObjectNode object, JsonNode image) {
        JsonNode podSpec = object.path("spec").path("template").path("spec");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : podSpec.path(list)) {
                ImageReference reference = ImageReference.parse(container.path("image").asText());
                if (reference.name().equals(image.path("name").asText())) {
                    ((ObjectNode) container).put("image", reference.with(image).toString());
                }
            }
        }
    }

    private static JsonNode parseSingle(String text, String source) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What kustomize identifies an object by. */
    record ObjectIdentity(String group, String version, String kind, String namespace, String name) {

        static ObjectIdentity of(JsonNode object) {
            String apiVersion = object.path("apiVersion").asText();
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            String version = apiVersion.substring(slash + 1);
            JsonNode metadata = object.path("metadata");
            return new ObjectIdentity(group, version, object.path("kind").asText(),
                    metadata.path("namespace").asText(""), metadata.path("name").asText());
        }

        @Override
        public String toString() {
            return (group.isEmpty() ? "" : group + "/") + version + " " + kind + " "
                    + (namespace.isEmpty() ? "" : namespace + "/") + name;
        }
    }

    /** {@code name[:tag][@digest]}, where the name may hold a registry port. */
    record ImageReference(String name, String tag, String digest) {

        static ImageReference parse(String image) {
            String digest = null;
            int at = image.indexOf('@');
            if (at >= 0) {
                digest = image.substring(at + 1);
                image = image.substring(0, at);
            }
            int colon = image.lastIndexOf(':');
            if (colon > image.lastIndexOf('/')) {
                return new ImageReference(image.substring(0, colon), image.substring(colon + 1), digest);
            }
            return new ImageReference(image, null, digest);
        }

        /** As kustomize's images field does: a new tag drops the digest and a digest drops the tag. */
        ImageReference with(JsonNode override) {
            String newName = override.path("newName").asText(name);
            if (override.hasNonNull("digest")) {
                return new ImageReference(newName, null, override.get("digest").asText());
            }
            if (override.hasNonNull("newTag")) {
                return new ImageReference(newName, override.get("newTag").asText(), null);
            }
            return new ImageReference(newName, tag, digest);
        }

        @Override
        public String toString() {
            return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
        }
    }
}
