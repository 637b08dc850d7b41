package vn.lgsp.hub.connector.spi;

import java.time.Duration;
import java.util.Map;

/**
 * A liveness check the owner registered for an endpoint.
 *
 * @param target  what to probe: a path for HTTP ({@code /health}), an operation for SOAP, a topic
 *                for Kafka
 * @param timeout how long the probe may take
 * @param options connector-specific probe options
 */
public record ProbeRequest(String target, Duration timeout, Map<String, String> options) {

    public ProbeRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
