package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

/**
 * The overview's figures: transactions today / this month / since start (imported history
 * included), today's error rate and latency p95, and the connection tally.
 */
@TemplateData
public record Overview(String at, long today, long thisMonth, long sinceStart, long imported, long failuresToday, Double errorRate,
                       Double p95Ms, ConnectionTally tally) {
}
