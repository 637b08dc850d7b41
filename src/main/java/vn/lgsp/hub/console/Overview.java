package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * The overview's figures: transactions today / this month / since start (imported history
 * included), today's error rate and latency p95, the connection tally, and the systems whose
 * connection is degraded or lost (the first thing an operator should see).
 */
@TemplateData
public record Overview(String at, long today, long thisMonth, long sinceStart, long imported, long failuresToday, Double errorRate,
                       Double p95Ms, ConnectionTally tally, List<SystemConnection> attention) {
}
