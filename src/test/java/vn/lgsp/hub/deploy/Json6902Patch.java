package vn.lgsp.hub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON Patch, operations {@code add}, {@code remove} and {@code replace} (what k8s/
 * uses). As in kustomize, {@code remove} and {@code replace} of a missing location fail, and so
 * does an operation this class does not know.
 */
final class Json6902Patch {

    private Json6902Patch() {
    }

    static void apply(ObjectNode document, ArrayNode operations) {
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText();
            String path = operation.path("path").asText();
            List<String> tokens = tokens(path);
            JsonNode parent = parentOf(document, tokens, path);
            String last = tokens.get(tokens.size() - 1);
            switch (op) {
                case "add" -> add(parent, last, operation.get("value").deepCopy(), path);
                case "replace" -> {
                    remove(parent, last, path);
                    add(parent, last, operation.get("value").deepCopy(), path);
                }
                case "remove" -> remove(parent, last, path);
                default -> throw new IllegalArgumentException("JSON patch operation '" + op + "' is not supported");
            }
        }
    }

    private static List<String> tokens(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("JSON pointer must start with '/': " + path);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : path.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode parentOf(JsonNode document, List<String> tokens, String path) {
        JsonNode node = document;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            node = node.isArray() ? node.get(index(token, path)) : node.get(token);
            if (node == null) {
                throw new IllegalStateException("no such location: " + path);
            }
        }
        return node;
    }

    private static void add(JsonNode parent, String token, JsonNode value, String path) {
        if (parent.isObject()) {
            ((ObjectNode) parent).set(token, value);
        } else if ("-".equals(token)) {
            ((ArrayNode) parent).add(value);
        } else {
            ((ArrayNode) parent).insert(index(token, path), value);
        }
    }

    private static void remove(JsonNode parent, String token, String path) {
        boolean present = parent.isObject() ? parent.has(token) : index(token, path) < parent.size();
        if (!present) {
            throw new IllegalStateException("no such location: " + path);
        }
        if (parent.isObject()) {
            ((ObjectNode) parent).remove(token);
        } else {
            ((ArrayNode) parent).remove(index(token, path));
        }
    }

    private static int index(String token, String path) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an array index in " + path + ": " + token, e);
        }
    }
}
