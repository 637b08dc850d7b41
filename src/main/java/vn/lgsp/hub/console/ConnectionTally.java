package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

/**
 * How many of the officially listed systems are registered in the hub and active, and how many
 * the province's plan reported connected at the end of 2025.
 *
 * <p>PROVISIONAL until the connection report ({@code /api/v1/reports/connections}, per-system
 * health from probes) is merged: then the tally comes from that report and this record goes.
 */
@TemplateData
public record ConnectionTally(int listed, int registered, int active, int listedConnected) {
}
