package vn.lgsp.hub.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules every pod template in k8s/ must follow: probed, bounded, unprivileged, on a pinned
 * image. {@link #violations} says what is broken, in words, so a failure names the fix.
 */
final class PodHardeningPolicy {

    private static final List<String> PROBES = List.of("startupProbe", "livenessProbe", "readinessProbe");

    private PodHardeningPolicy() {
    }

    static List<String> violations(JsonNode workload) {
        List<String> violations = new ArrayList<>();
        String workloadName = workload.path("kind").asText() + " " + workload.path("metadata").path("name").asText();
        JsonNode pod = workload.path("spec").path("template").path("spec");
        if (!pod.path("automountServiceAccountToken").isBoolean() || pod.path("automountServiceAccountToken").asBoolean()) {
            violations.add(workloadName + ": automountServiceAccountToken is not false");
        }
        if (pod.path("containers").isEmpty()) {
            violations.add(workloadName + ": has no containers");
        }
        for (JsonNode container : pod.path("containers")) {
            String where = workloadName + " container " + container.path("name").asText();
            checkProbes(container, where, violations);
            checkResources(container, where, violations);
            checkSecurityContext(container.path("securityContext"), pod.path("securityContext"), where, violations);
            checkImage(container.path("image").asText(), where, violations);
        }
        return violations;
    }

    private static void checkProbes(JsonNode container, String where, List<String> violations) {
        Set<String> portNames = new HashSet<>();
        container.path("ports").forEach(port -> portNames.add(port.path("name").asText()));
        for (String probe : PROBES) {
            JsonNode definition = container.get(probe);
            if (definition == null) {
                violations.add(where + ": has no " + probe);
                continue;
            }
            JsonNode port = definition.path("httpGet").path("port");
            if (port.isTextual() && !portNames.contains(port.asText())) {
                violations.add(where + ": " + probe + " uses port '" + port.asText() + "' that the container does not name");
            }
        }
    }

    private static void checkResources(JsonNode container, String where, List<String> violations) {
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (container.path("resources").path(bound).path(resource).isMissingNode()) {
                    violations.add(where + ": has no resources." + bound + "." + resource);
                }
            }
        }
    }

    private static void checkSecurityContext(JsonNode container, JsonNode pod, String where, List<String> violations) {
        boolean nonRoot = container.path("runAsNonRoot").asBoolean(pod.path("runAsNonRoot").asBoolean(false));
        if (!nonRoot) {
            violations.add(where + ": runAsNonRoot is not true");
        }
        if (!container.path("readOnlyRootFilesystem").asBoolean(false)) {
            violations.add(where + ": readOnlyRootFilesystem is not true");
        }
        if (!container.path("allowPrivilegeEscalation").isBoolean() || container.path("allowPrivilegeEscalation").asBoolean()) {
            violations.add(where + ": allowPrivilegeEscalation is not false");
        }
        boolean dropsAll = false;
        for (JsonNode capability : container.path("capabilities").path("drop")) {
            dropsAll |= "ALL".equals(capability.asText());
        }
        if (!dropsAll) {
            violations.add(where + ": capabilities.drop does not contain ALL");
        }
        String seccomp = container.path("seccompProfile").path("type").asText(pod.path("seccompProfile").path("type").asText());
        if (!"RuntimeDefault".equals(seccomp)) {
            violations.add(where + ": seccompProfile is not RuntimeDefault");
        }
    }

    private static void checkImage(String image, String where, List<String> violations) {
        KustomizeRenderer.ImageReference reference = KustomizeRenderer.ImageReference.parse(image);
        if (reference.digest() == null && (reference.tag() == null || "latest".equals(reference.tag()))) {
            violations.add(where + ": image " + image + " is not pinned (no tag, or 'latest')");
        }
    }
}
