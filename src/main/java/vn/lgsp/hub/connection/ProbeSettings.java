package vn.lgsp.hub.connection;

import vn.lgsp.hub.problem.FieldChecks;

/**
 * The liveness check an owner registers for an endpoint: a cheap request the connector sends
 * ({@code /health} for HTTP, {@code /?wsdl} or a path for SOAP), how often and how long it may take.
 */
public record ProbeSettings(String target, Integer intervalSeconds, Integer timeoutMs) {

    static final int DEFAULT_INTERVAL_SECONDS = 60;
    static final int MAX_INTERVAL_SECONDS = 3600;
    static final int DEFAULT_TIMEOUT_MS = 5000;

    void check(FieldChecks checks, int minIntervalSeconds) {
        checks.text("target", target, 500);
        checks.range("intervalSeconds", intervalSeconds, minIntervalSeconds, MAX_INTERVAL_SECONDS);
        checks.range("timeoutMs", timeoutMs, 100, 60_000);
    }

    int interval() {
        return intervalSeconds == null ? DEFAULT_INTERVAL_SECONDS : intervalSeconds;
    }

    int timeout() {
        return timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    }
}
