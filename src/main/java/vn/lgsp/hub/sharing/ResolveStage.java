package vn.lgsp.hub.sharing;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.ServiceKind;
import vn.lgsp.hub.registry.SharedService;

/**
 * Finds the route: an active provider, the newest published version of the service (or the
 * pinned one), and, for REST services, an operation registered for this method and path. The
 * hub only ever calls what a provider registered: it is not an open proxy.
 */
@ApplicationScoped
public class ResolveStage implements SharingStage {

    @Inject
    RouteTable routes;

    @Override
    public int order() {
        return 200;
    }

    @Override
    public Future<ConnectorResponse> apply(SharingExchange exchange, Chain next) {
        return exchange.onLoop(routes.resolve(exchange.providerCode(), exchange.serviceCode(), exchange.requestedVersion()))
                .compose(route -> {
                    SharedService service = route.service();
                    if (service.kind() == ServiceKind.REST && !operationMatches(service, exchange)) {
                        return Future.failedFuture(ProblemException.field(ErrorCode.OPERATION_NOT_FOUND, "path",
                                "the service is registered for " + service.httpMethod() + " " + service.pathPattern()));
                    }
                    exchange.route(route);
                    return next.proceed(exchange);
                });
    }

    private static boolean operationMatches(SharedService service, SharingExchange exchange) {
        String method = service.httpMethod();
        boolean methodOk = "*".equals(method) || method.equals(exchange.method())
                || ("GET".equals(method) && "HEAD".equals(exchange.method()));
        return methodOk && SharingPath.matches(service.pathPattern(), exchange.path());
    }
}
