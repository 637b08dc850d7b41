package vn.lgsp.hub.connection;

import java.time.Instant;

/**
 * What the hub knows about one catalogue entry (or one unlisted system) at a moment.
 *
 * @param catalogueId         null for a registered system not in the catalogue
 * @param systemCode          the linked system, null when none is
 * @param systemStatus        its registry status (draft, active, ...)
 * @param systemActive        the linked system's status is {@code active}
 * @param publishedServices   services it publishes (each has an endpoint)
 * @param probes              registered probes on the endpoints of those services
 * @param lastProbeAt         the latest probe of those endpoints
 * @param lastProbeUp         whether that probe found the endpoint up
 * @param lastProbeDetail     why it was down
 * @param lastProbeUpAt       the latest successful probe
 * @param probeFailingSince   start of the failure streak of an endpoint whose probes failed
 *                            {@code probe-failure-threshold} times in a row, else null
 * @param lastTransactionOkAt latest successful transaction within the freshness window
 * @param transactionsOk      successful transactions within the window
 * @param transactionsFailed  failed transactions within the window
 * @param firstFailureAt      first failed transaction within the window
 */
public record Evidence(
        String catalogueId,
        String systemCode,
        String systemStatus,
        boolean systemActive,
        int publishedServices,
        int probes,
        Instant lastProbeAt,
        Boolean lastProbeUp,
        String lastProbeDetail,
        Instant lastProbeUpAt,
        Instant probeFailingSince,
        Instant lastTransactionOkAt,
        long transactionsOk,
        long transactionsFailed,
        Instant firstFailureAt) {
}
