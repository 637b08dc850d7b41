package vn.lgsp.hub.routing;

import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Facts;
import vn.lgsp.hub.exchange.Route;
import vn.lgsp.hub.exchange.Stage;
import vn.lgsp.hub.exchange.StageId;

import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.ServiceKind;
import vn.lgsp.hub.registry.SharedService;

/**
 * Finds the route ({@link Facts#ROUTE}): an active provider, the newest published version of the
 * service (or the pinned one), and, for REST services, an operation registered for this method
 * and path. The hub only ever calls what a provider registered: it is not an open proxy. Roads
 * that know their target another way (a push's subscription, a pull's) bring their own source,
 * or the route itself.
 */
@ApplicationScoped
public class ResolveStage implements Stage {

    @Inject
    RouteTable routes;

    @Override
    public StageId id() {
        return StageId.RESOLVE;
    }

    @Override
    public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
        if (exchange.has(Facts.ROUTE)) {
            return next.proceed(exchange);
        }
        if (exchange.routeSource() != null) {
            return exchange.onLoop(exchange.routeSource().apply(exchange)).compose(route -> {
                exchange.establish(Facts.ROUTE, route);
                return next.proceed(exchange);
            });
        }
        return exchange.onLoop(routes.resolve(exchange.providerCode(), exchange.serviceCode(), exchange.requestedVersion()))
                .compose(route -> {
                    SharedService service = route.service();
                    if (service.kind() == ServiceKind.REST && !operationMatches(service, exchange)) {
                        return Future.failedFuture(ProblemException.field(ErrorCode.OPERATION_NOT_FOUND, "path",
                                "the service is registered for " + service.httpMethod() + " " + service.pathPattern()));
                    }
                    exchange.establish(Facts.ROUTE, route);
                    return next.proceed(exchange);
                });
    }

    private static boolean operationMatches(SharedService service, Exchange exchange) {
        String method = service.httpMethod();
        boolean methodOk = ("*".equals(method) && StandardMethods.ALL.contains(exchange.method())) || method.equals(exchange.method())
                || ("GET".equals(method) && "HEAD".equals(exchange.method()));
        return methodOk && SharingPath.matches(service.pathPattern(), exchange.path());
    }
}
