package vn.lgsp.hub.config;

import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The name this instance records in transactions, events and probe leases: {@code lgsp.instance}
 * if set, else {@code HOSTNAME} (the pod name on Kubernetes), else the machine's host name and
 * the process id, so that two instances on one machine (a plain shell, systemd units) are told
 * apart. Worked out once at start-up: the host name lookup may block.
 */
@Startup
@Singleton
public class InstanceName {

    private final String value;

    @Inject
    InstanceName(HubConfig config) {
        this(config.instance(), System.getenv(), InstanceName::hostName, ProcessHandle.current().pid());
    }

    InstanceName(Optional<String> configured, Map<String, String> env, Supplier<Optional<String>> hostName, long pid) {
        this.value = configured.map(String::strip).filter(name -> !name.isEmpty())
                .or(() -> Optional.ofNullable(env.get("HOSTNAME")).map(String::strip).filter(name -> !name.isEmpty()))
                .orElseGet(() -> hostName.get().orElse("lgsp-hub") + "-" + pid);
    }

    public String value() {
        return value;
    }

    private static Optional<String> hostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName()).filter(name -> !name.isBlank());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
