package vn.lgsp.hub.registry;

import vn.lgsp.hub.problem.FieldChecks;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an owner submits for a shared service. A REST service names its HTTP method and path
 * pattern below the endpoint; a SOAP service its operation. Limits default when omitted.
 */
public record ServiceInput(
        String code,
        String version,
        String name,
        String description,
        String endpointCode,
        ServiceKind kind,
        String httpMethod,
        String pathPattern,
        String soapOperation,
        String soapAction,
        DataClassification dataClassification,
        Long maxRequestBytes,
        Long maxResponseBytes,
        Integer retryAttempts,
        Integer bodyRetentionDays,
        Map<String, String> options) {

    static final Pattern VERSION = Pattern.compile("^v?[0-9]+(\\.[0-9]+){0,2}$");
    static final Pattern PATH_PATTERN = Pattern.compile("^(/([A-Za-z0-9._~!$&'()+,;=:@-]+|\\{[A-Za-z][A-Za-z0-9_]*}|\\*{1,2}))*/?$");
    static final Pattern NCNAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9._-]{0,127}$");
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*");
    static final long DEFAULT_MAX_REQUEST_BYTES = 10L * 1024 * 1024;
    static final long DEFAULT_MAX_RESPONSE_BYTES = 50L * 1024 * 1024;
    static final long LIMIT_CEILING_BYTES = 2L * 1024 * 1024 * 1024;

    void check(FieldChecks checks, boolean creating) {
        if (creating) {
            checks.slug("code", code);
            if (checks.required("version", version)) {
                checks.matches("version", version, VERSION, "invalid-version", "version must look like 1, 1.2, 1.2.3 or v2");
            }
        }
        checks.text("name", name, 300);
        checks.optionalLongText("description", description, 4000);
        if (checks.required("endpointCode", endpointCode)) {
            checks.matches("endpointCode", endpointCode, FieldChecks.SLUG, "invalid-code", "endpointCode must be an endpoint's code");
        }
        checks.required("dataClassification", dataClassification);
        if (checks.required("kind", kind)) {
            if (kind == ServiceKind.REST) {
                if (checks.required("httpMethod", httpMethod) && !METHODS.contains(httpMethod)) {
                    checks.add("httpMethod", "invalid-method", "httpMethod must be one of " + METHODS);
                }
                if (checks.required("pathPattern", pathPattern)) {
                    if (pathPattern.length() > 500 || !PATH_PATTERN.matcher(pathPattern).matches()
                            || pathPattern.contains("/../") || pathPattern.endsWith("/..") || pathPattern.contains("/./")) {
                        checks.add("pathPattern", "invalid-path-pattern",
                                "pathPattern is a path like /citizens/{id} or /records/**: literal segments, {variables}, * or **");
                    }
                }
                if (soapOperation != null) {
                    checks.add("soapOperation", "not-allowed", "soapOperation is only for kind soap");
                }
            } else {
                if (checks.required("soapOperation", soapOperation)) {
                    checks.matches("soapOperation", soapOperation, NCNAME, "invalid-operation", "soapOperation must be an XML element name");
                }
                checks.optionalText("soapAction", soapAction, 500);
            }
        }
        limit(checks, "maxRequestBytes", maxRequestBytes);
        limit(checks, "maxResponseBytes", maxResponseBytes);
        checks.range("retryAttempts", retryAttempts, 0, 5);
        checks.range("bodyRetentionDays", bodyRetentionDays, 1, 3650);
        if (options != null) {
            if (options.size() > 50) {
                checks.add("options", "too-many", "at most 50 options");
            }
            options.forEach((key, value) -> {
                if (key == null || !NCNAME.matcher(key).matches()) {
                    checks.add("options", "invalid-key", "option names are letters, digits, . _ -");
                } else if (value == null) {
                    checks.add("options." + key, "required", "options." + key + " needs a value");
                } else {
                    checks.optionalText("options." + key, value, 1000);
                }
            });
        }
    }

    private static void limit(FieldChecks checks, String field, Long value) {
        if (value != null && (value < 1 || value > LIMIT_CEILING_BYTES)) {
            checks.add(field, "out-of-range", field + " must be between 1 and " + LIMIT_CEILING_BYTES);
        }
    }
}
