package vn.lgsp.hub.connectors.kafka;

import io.vertx.core.Future;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import vn.lgsp.hub.connector.spi.Egress;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The egress policy for Kafka's addresses. The Kafka client resolves and connects by itself, so
 * the hub cannot hand it a checked address as the HTTP connectors do; instead the bootstrap
 * servers are checked before a client uses them, and the brokers that lead a topic's partitions
 * (the ones a record is written to, as the cluster advertises them) before each record is sent.
 * A cluster that advertises a refused address gets nothing written to it. Thread-safe.
 */
final class BrokerEgress {

    private final Egress egress;

    BrokerEgress(Egress egress) {
        this.egress = egress;
    }

    /** Every {@code host:port} of a bootstrap list passes the policy. */
    Future<Void> bootstrap(String servers) {
        List<String[]> addresses = new ArrayList<>();
        for (String server : servers.split(",")) {
            String trimmed = server.trim();
            int colon = trimmed.lastIndexOf(':');
            addresses.add(new String[] {trimmed.substring(0, colon), trimmed.substring(colon + 1)});
        }
        return all(addresses);
    }

    /** Every broker that leads one of {@code partitions} passes the policy. */
    Future<Void> leaders(List<PartitionInfo> partitions) {
        Set<String> seen = new LinkedHashSet<>();
        List<String[]> addresses = new ArrayList<>();
        for (PartitionInfo partition : partitions) {
            Node leader = partition.leader();
            if (leader != null && !leader.isEmpty() && seen.add(leader.host() + ":" + leader.port())) {
                addresses.add(new String[] {leader.host(), Integer.toString(leader.port())});
            }
        }
        return all(addresses);
    }

    private Future<Void> all(List<String[]> addresses) {
        Future<Void> checked = Future.succeededFuture();
        for (String[] address : addresses) {
            checked = checked.compose(ok -> egress.resolve(address[0], Integer.parseInt(address[1])).mapEmpty());
        }
        return checked;
    }
}
