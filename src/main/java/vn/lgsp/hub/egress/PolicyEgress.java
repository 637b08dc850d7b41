package vn.lgsp.hub.egress;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.Egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's {@link Egress}: resolves a name with Vert.x's own non-blocking resolver (the one its
 * HTTP client would use), judges the address by {@link EgressPolicy}, and hands the connector
 * that address to connect to. Also the save-time check the registry applies to addresses.
 */
@ApplicationScoped
public class PolicyEgress implements Egress {

    private static final Logger LOG = Logger.getLogger(PolicyEgress.class);
    private static final List<String> OWN_PORT_KEYS = List.of("quarkus.http.port", "quarkus.http.ssl-port", "quarkus.http.test-port",
            "quarkus.http.test-ssl-port", "quarkus.management.port");

    @Inject
    Vertx vertx;

    private final EgressPolicy policy;
    /** Decisions on literal addresses: the policy is fixed for the process, and endpoints are few. */
    private final Map<String, Future<InetSocketAddress>> literals = new ConcurrentHashMap<>();
    private static final int MAX_LITERALS = 10_000;

    @Inject
    public PolicyEgress(EgressConfig config) {
        this.policy = new EgressPolicy(config.allowed().orElse(List.of()), config.denied().orElse(List.of()), config.allowLoopback(),
                ownAddresses(), this::isOwnPort);
    }

    @Override
    public Future<InetSocketAddress> resolve(String host, int port) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String key = host + ' ' + port;
        Future<InetSocketAddress> known = literals.get(key);
        if (known != null) {
            return known;
        }
        byte[] literal = IpLiterals.parse(bare);
        if (literal != null) {
            Future<InetSocketAddress> decided = judged(host, IpLiterals.address(literal), port);
            if (literals.size() >= MAX_LITERALS) {
                literals.clear();
            }
            literals.put(key, decided);
            return decided;
        }
        Promise<InetAddress> resolved = Promise.promise();
        // Vert.x keeps its resolver internal; it is the one its HTTP client resolves with, so the
        // address judged here is the one a plain connect would have reached.
        ((VertxInternal) vertx).resolveAddress(bare, resolved);
        return resolved.future().transform(ar -> ar.succeeded() ? judged(host, ar.result(), port)
                : Future.failedFuture(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED,
                        "the provider's host name does not resolve")));
    }

    /** Why an address saved now would never be reached, or empty. */
    public Optional<String> refusalOfName(String host, int port) {
        return policy.refusalOfName(host, port);
    }

    private Future<InetSocketAddress> judged(String host, InetAddress address, int port) {
        Optional<String> refusal = policy.refusalOf(host, address, port);
        if (refusal.isPresent()) {
            LOG.warnf("egress refused: %s:%d (%s): %s", host, port, address.getHostAddress(), refusal.get());
            return Future.failedFuture(new ConnectorException(ConnectorException.Kind.EGRESS_REFUSED,
                    "the hub's egress policy refuses the provider's address: " + refusal.get()));
        }
        return Future.succeededFuture(new InetSocketAddress(address, port));
    }

    // Read at the first check, not at start: a test run learns its random port only once the
    // server is up, and no call is forwarded before that.
    private volatile Set<Integer> ownPorts;

    private boolean isOwnPort(int port) {
        Set<Integer> ports = ownPorts;
        if (ports == null) {
            Set<Integer> found = new HashSet<>();
            for (String key : OWN_PORT_KEYS) {
                ConfigProvider.getConfig().getOptionalValue(key, Integer.class).filter(p -> p > 0).ifPresent(found::add);
            }
            ownPorts = ports = Set.copyOf(found);
        }
        return ports.contains(port);
    }

    private static Set<InetAddress> ownAddresses() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                nic.inetAddresses().forEach(own::add);
            }
        } catch (SocketException e) {
            LOG.warnf("could not list this machine's addresses for the egress policy: %s", e.getMessage());
        }
        return own;
    }
}
