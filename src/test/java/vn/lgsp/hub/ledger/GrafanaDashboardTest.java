package vn.lgsp.hub.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped dashboard is valid JSON and charts only metrics the hub exports. */
class GrafanaDashboardTest {

    @Test
    void chartsTheHubsOwnMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docs/grafana/lgsp-hub-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        assertFalse(expressions.isEmpty());
        List<String> exported = List.of("lgsp_transactions_total", "lgsp_transaction_duration_seconds_bucket",
                "lgsp_ledger_commit_seconds", "lgsp_ledger_batch_size", "http_server_requests_seconds_count", "jvm_memory_used_bytes");
        for (String expr : expressions) {
            assertTrue(exported.stream().anyMatch(expr::contains), "unknown metric in " + expr);
        }
        assertTrue(expressions.stream().anyMatch(e -> e.contains("lgsp_transactions_total")));
    }
}
