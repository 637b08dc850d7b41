package vn.lgsp.hub.connectors.kafka;

import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether an endpoint's brokers answered last time, logged once per change: the Kafka client
 * itself warns on every reconnect attempt (silenced in the hub's logging configuration), which
 * for an unreachable broker is dozens of lines a minute for as long as the endpoint exists.
 * Thread-safe: the sender callback and the reply thread both report.
 */
final class BrokerReachability {

    private static final Logger LOG = Logger.getLogger(BrokerReachability.class);

    private enum State { UNKNOWN, REACHABLE, UNREACHABLE }

    private final String endpoint;
    private final String bootstrap;
    private final AtomicReference<State> state = new AtomicReference<>(State.UNKNOWN);

    BrokerReachability(String endpoint, String bootstrap) {
        this.endpoint = endpoint;
        this.bootstrap = bootstrap;
    }

    void reachable() {
        if (state.getAndSet(State.REACHABLE) == State.UNREACHABLE) {
            LOG.infof("Kafka endpoint %s: brokers %s reachable again", endpoint, bootstrap);
        }
    }

    void unreachable(String cause) {
        if (state.getAndSet(State.UNREACHABLE) != State.UNREACHABLE) {
            LOG.warnf("Kafka endpoint %s: brokers %s not reachable (%s); calls fail until they are, the endpoint's connection status tells the rest",
                    endpoint, bootstrap, cause);
        }
    }
}
