package vn.lgsp.hub.egress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * Where the hub may connect on an owner's behalf (endpoints, token URLs, pushes, probes). Entries
 * are networks ({@code 10.20.0.0/16}, {@code 2001:db8::/32}, a single address) or host names
 * ({@code api.tinh.gov.vn}, {@code *.tinh.gov.vn}).
 */
@ConfigMapping(prefix = "lgsp.egress")
public interface EgressConfig {

    /** When set, only these networks or hosts; otherwise any address the rules below do not refuse. */
    Optional<List<String>> allowed();

    /** Refused whatever else says (e.g. the data centre's management network). */
    Optional<List<String>> denied();

    /**
     * Loopback and the hub machine's own addresses are refused unless this is on (the embedded
     * one-command run turns it on so its demo providers answer). The hub's own HTTP port stays
     * refused either way.
     */
    @WithDefault("false")
    boolean allowLoopback();
}
