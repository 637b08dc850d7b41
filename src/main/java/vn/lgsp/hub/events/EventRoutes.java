package vn.lgsp.hub.events;

import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.exchange.Route;
import vn.lgsp.hub.registry.Endpoint;
import vn.lgsp.hub.registry.ServiceKind;
import vn.lgsp.hub.registry.ServiceStatus;
import vn.lgsp.hub.registry.SharedService;

import java.util.Map;

/**
 * The event roads' routes: an event type on the terms the pipeline applies to a service (size
 * limits, no retries of its own, no options), so grants, limits, breaker, ledger and metrics treat
 * a push, a pull and a publication as they treat a sharing call.
 */
final class EventRoutes {

    /** What a subscriber may answer to a push: its status matters, its body is drained. */
    private static final long PUSH_ANSWER_BYTES = 1 << 20;

    private EventRoutes() {
    }

    /** A push to the subscriber's endpoint, through that endpoint's connector. */
    static Route push(Subscription sub, String version, long maxPushBytes, Endpoint endpoint, Connector connector) {
        return new Route(sub.providerSystem(), service(sub.providerSystem(), sub.eventType(), version, "POST", sub.path(), maxPushBytes,
                PUSH_ANSWER_BYTES), endpoint, connector);
    }

    /** A pull of a subscription's events, answered from Kafka. */
    static Route pull(Subscription sub) {
        return new Route(sub.providerSystem(), service(sub.providerSystem(), sub.eventType(), null, "GET",
                "/api/v1/subscriptions/{id}/events", 0, Long.MAX_VALUE), null, null);
    }

    /** A publication of the provider's own event, answered once Kafka acknowledged it. */
    static Route publish(String provider, String eventType, String version, long maxEventBytes) {
        return new Route(provider, service(provider, eventType, version, "POST", EventPublisher.PATH, maxEventBytes, Long.MAX_VALUE),
                null, null);
    }

    private static SharedService service(String provider, String eventType, String version, String method, String path,
                                         long maxRequestBytes, long maxResponseBytes) {
        return new SharedService(null, null, null, provider, eventType, version, eventType, null, null, ServiceKind.REST, method,
                path, null, null, null, maxRequestBytes, maxResponseBytes, 0, null, Map.of(), ServiceStatus.PUBLISHED, null, null, 0, null, null);
    }
}
