package vn.lgsp.hub.exchange;

import java.util.EnumSet;
import java.util.Set;

import static vn.lgsp.hub.exchange.Road.PUBLISH;
import static vn.lgsp.hub.exchange.Road.PULL;
import static vn.lgsp.hub.exchange.Road.PUSH;
import static vn.lgsp.hub.exchange.Road.SHARING;

/**
 * The order of the pipeline, outermost first, and the roads each stage applies to: the one
 * place that says it. Each {@link Stage} names its entry; {@link ExchangePipeline} refuses to
 * start unless every entry has exactly one stage. Read top to bottom, this is the road a call
 * takes to the provider; the answer comes back bottom to top.
 */
public enum StageId {
    /** Who calls: only an active registered system (access/ConsumerStage). */
    CONSUMER(SHARING, PUSH, PULL, PUBLISH),
    /**
     * A client convention of today's LGSPs (lgspaccesstoken, WSO2 paths, finance headers) checked
     * against the consumer's compatibility profile, and its address looked up (compat/CompatStage).
     */
    COMPAT(SHARING),
    /** At most so many calls open per consumer on this instance (resilience/ConsumerBulkheadStage). */
    BULKHEAD(SHARING, PUSH, PULL, PUBLISH),
    /** Where it goes: provider, service version, endpoint, connector (routing/ResolveStage). */
    RESOLVE(SHARING, PUSH, PULL, PUBLISH),
    /** Counts and times every resolved call, refusals included (ledger/TransactionMetrics). */
    METRICS(SHARING, PUSH, PULL, PUBLISH),
    /** The durable record of every resolved call; the answer waits for it (ledger/LedgerStage). */
    LEDGER(SHARING, PUSH, PULL, PUBLISH),
    /**
     * The signed, hash-chained record of every resolved call: digests of both heads and bodies,
     * appended when the road completed (evidence/MessageLogStage).
     */
    MESSAGE_LOG(SHARING, PUSH, PULL, PUBLISH),
    /** {@code ?wsdl} answered from the registry; readable without a grant (sharing/WsdlStage). */
    WSDL(SHARING),
    /** An active grant for this consumer, service and path (access/AccessStage). */
    ACCESS(SHARING, PUSH, PULL),
    /** The grant's quotas across instances (access/QuotaStage). */
    QUOTA(SHARING),
    /** No calls to an endpoint that keeps failing (resilience/CircuitBreakerStage). */
    BREAKER(SHARING, PUSH),
    /** The service's size limits and the answer's idle timeout (resilience/LimitsStage). */
    LIMITS(SHARING, PUSH),
    /**
     * Fail closed: the call goes on only once its request record is committed, so nothing reaches
     * a provider unrecorded (ledger/RequestRecordStage).
     */
    REQUEST_RECORD(SHARING, PUSH),
    /** Safe retries of idempotent calls without a body (resilience/RetryStage). */
    RETRY(SHARING);

    private final Set<Road> roads;

    StageId(Road first, Road... rest) {
        this.roads = EnumSet.of(first, rest);
    }

    public boolean appliesTo(Road road) {
        return roads.contains(road);
    }

    public Set<Road> roads() {
        return Set.copyOf(roads);
    }
}
