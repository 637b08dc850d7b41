package vn.lgsp.hub.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.support.http.BufferReadStream;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Road;
import vn.lgsp.hub.exchange.Route;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.registry.Endpoint;
import vn.lgsp.hub.registry.ServiceKind;
import vn.lgsp.hub.registry.ServiceStatus;
import vn.lgsp.hub.registry.SharedService;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Exchanges and chains for unit tests of pipeline stages: no Quarkus, no servers. */
public final class ExchangeFixtures {

    private ExchangeFixtures() {
    }

    /** A REST service of provider {@code prov} with the given limits and retries. */
    public static SharedService service(long maxRequestBytes, long maxResponseBytes, int retryAttempts) {
        return new SharedService(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "prov", "svc", "1.0", "Dịch vụ", null, "ep",
                ServiceKind.REST, "*", "/**", null, null, null, maxRequestBytes, maxResponseBytes, retryAttempts, null, Map.of(),
                ServiceStatus.PUBLISHED, null, null, 1, null, null);
    }

    /** A route to {@code service} over an endpoint with this id (the breaker's key). */
    public static Route route(SharedService service, UUID endpointId) {
        Endpoint endpoint = new Endpoint(endpointId, service.systemId(), "ep", "http", "http://provider.test/", 1000, 2000,
                null, null, Map.of(), 1, null, null);
        return new Route("prov", service, endpoint, null);
    }

    /** A sharing-road exchange from consumer {@code cons} on {@code route}, without a body. */
    public static Exchange exchange(String method, Route route) {
        return Exchange.on(Road.SHARING, "01J0TESTTX" + UUID.randomUUID().toString().substring(0, 8))
                .call(method, "/x", null).target(route.providerCode(), route.service().code(), null)
                .consumer("cons").route(route).build();
    }

    /** The same with a body of {@code bytes} bytes declared. */
    public static Exchange withBody(Route route, int bytes) {
        return Exchange.on(Road.SHARING, "01J0TESTTXBODY").call("POST", "/x", null).target("prov", "svc", null)
                .consumer("cons").route(route).body(new BufferReadStream(null, Buffer.buffer(new byte[bytes])), bytes).build();
    }

    /** An answer of {@code status} with an empty body. */
    public static ConnectorResponse answer(int status) {
        return new ConnectorResponse(status, MultiMap.caseInsensitiveMultiMap(), new BufferReadStream(null, Buffer.buffer()), 0, null);
    }

    /** The rest of the pipeline as a provider that answers what {@code answers} gives, counting calls. */
    public static final class CountingProvider implements Stage.Chain {
        private final AtomicInteger calls = new AtomicInteger();
        private final Supplier<Future<ConnectorResponse>> answers;

        public CountingProvider(Supplier<Future<ConnectorResponse>> answers) {
            this.answers = answers;
        }

        public static CountingProvider answering(int status) {
            return new CountingProvider(() -> Future.succeededFuture(answer(status)));
        }

        @Override
        public Future<ConnectorResponse> proceed(Exchange exchange) {
            calls.incrementAndGet();
            return answers.get();
        }

        public int calls() {
            return calls.get();
        }
    }
}
