package vn.lgsp.hub.events;

import com.fasterxml.jackson.databind.JsonNode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.registry.DataClassification;

import java.util.regex.Pattern;

/** An owner declares an event type of their system. */
public record EventTypeInput(String name, String version, String description, JsonNode schema,
                             DataClassification dataClassification) {

    static final Pattern VERSION = Pattern.compile("^v?[0-9]+(\\.[0-9]+){0,2}$");

    void check(FieldChecks checks) {
        checks.slug("name", name);
        if (checks.required("version", version)) {
            checks.matches("version", version, VERSION, "invalid-version", "version must look like 1, 1.0 or v1.2.3");
        }
        checks.optionalLongText("description", description, 4000);
        checks.required("dataClassification", dataClassification);
        if (schema == null || schema.isNull()) {
            checks.add("schema", "required", "schema is required (a JSON Schema of the event's data)");
        } else if (!schema.isObject()) {
            checks.add("schema", "invalid-schema", "schema must be a JSON Schema object");
        }
    }
}
