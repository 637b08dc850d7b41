package vn.lgsp.hub.problem;

/**
 * One offending field.
 *
 * @param field   JSON path of the field, e.g. {@code contact.email} or {@code endpoints[0].address}
 * @param code    stable code of the rule it broke, e.g. {@code required}, {@code too-long}
 * @param message explanation for a person; never echoes the submitted value
 */
public record FieldError(String field, String code, String message) {
}
