package vn.lgsp.hub.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code message-log}: down while the hub refuses calls because the log cannot
 * keep up or records stayed unsigned past the grace period (rule {@code stop}), so a balancer
 * moves traffic away; with {@code alert} it stays up and says how long records wait. From memory.
 */
@Readiness
@ApplicationScoped
public class MessageLogReadiness implements HealthCheck {

    @Inject
    MessageLogConfig config;
    @Inject
    MessageLogWriter writer;
    @Inject
    Checkpoints checkpoints;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("message-log")
                .status(!config.enabled() || checkpoints.accepting() && writer.accepting())
                .withData("unsignedSeconds", checkpoints.unsignedSeconds())
                .withData("queued", writer.queued());
        String failure = checkpoints.overdueBecause();
        if (failure != null) {
            response.withData("lastFailure", failure);
        }
        return response.build();
    }
}
