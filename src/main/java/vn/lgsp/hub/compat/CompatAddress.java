package vn.lgsp.hub.compat;

import java.time.Instant;

/**
 * How clients of today's LGSPs address one shared service: a WSO2 API {@code context} (calls to
 * {@code /{context}/{version}/{resource}}), and a finance-sector {@code tranCode} (calls with
 * {@code RECEIVER_CODE} = the provider's code and {@code TRAN_CODE} = this).
 */
public record CompatAddress(String providerCode, String serviceCode, String context, String tranCode, String updatedBy,
                            Instant updatedAt) {
}
