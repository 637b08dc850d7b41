package vn.lgsp.hub.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import vn.lgsp.hub.problem.FieldError;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schemas of event payloads (networknt json-schema-validator; draft 2020-12 unless the
 * schema names another known draft in {@code $schema}). A schema may only refer inside itself:
 * a {@code $ref} to a URL would make the hub fetch it (a request forgery), so it is refused.
 */
final class PayloadSchemas {

    private static final Set<String> KNOWN_DIALECTS = Set.of(
            "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2019-09/schema",
            "http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema",
            "http://json-schema.org/draft-06/schema#", "http://json-schema.org/draft-04/schema#");
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "additionalProperties", "dependentRequired",
            "unevaluatedProperties", "dependencies");

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).preloadJsonSchema(true).pathType(PathType.JSON_PATH).build();

    private PayloadSchemas() {
    }

    /** Problems with a schema as a document (field {@code schema...}), empty when it is usable. */
    static List<FieldError> check(JsonNode schema) {
        List<FieldError> problems = new ArrayList<>();
        refs(schema, "schema", problems);
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && !(dialect.isTextual() && KNOWN_DIALECTS.contains(dialect.asText()))) {
            problems.add(new FieldError("schema.$schema", "unsupported-dialect", "$schema must name draft 4, 6, 7, 2019-09 or 2020-12"));
        }
        if (problems.isEmpty()) {
            try {
                compile(schema).validate(com.fasterxml.jackson.databind.node.NullNode.getInstance());
            } catch (RuntimeException e) {
                problems.add(new FieldError("schema", "invalid-schema", "schema is not a usable JSON Schema"));
            }
        }
        return problems;
    }

    static JsonSchema compile(JsonNode schema) {
        return FACTORY.getSchema(schema, CONFIG);
    }

    /** The payload's problems, one per offending value, named {@code data.<path>}; empty when valid. */
    static List<FieldError> validate(JsonSchema schema, JsonNode data) {
        Set<ValidationMessage> messages = schema.validate(data);
        List<FieldError> errors = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            String location = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
            String field = "data" + (location.startsWith("$") ? location.substring(1) : location.replace('/', '.'));
            if (m.getProperty() != null && PROPERTY_KEYWORDS.contains(m.getType())) {
                field = field + "." + m.getProperty();
            }
            String message = m.getMessage() == null ? "does not match the schema" : m.getMessage();
            if (message.startsWith("$")) {
                message = "data" + message.substring(1);
            }
            errors.add(new FieldError(field, m.getType() == null ? "schema" : m.getType(), message));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    private static void refs(JsonNode node, String path, List<FieldError> problems) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (("$ref".equals(key) || "$dynamicRef".equals(key) || "$recursiveRef".equals(key))
                        && !(field.getValue().isTextual() && field.getValue().asText().startsWith("#"))) {
                    problems.add(new FieldError(path + "." + key, "external-reference",
                            "a schema may only refer inside itself ($ref starting with #)"));
                }
                refs(field.getValue(), path + "." + key, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refs(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}
