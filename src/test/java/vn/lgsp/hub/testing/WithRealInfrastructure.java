package vn.lgsp.hub.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers {@link RealInfrastructure} (PostgreSQL, Kafka) and {@link KeycloakServer} (the token
 * issuer) for every {@code @QuarkusTest} of the run.
 */
@QuarkusTestResource(value = RealInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakServer.class, restrictToAnnotatedClass = false)
public final class WithRealInfrastructure {

    private WithRealInfrastructure() {
    }
}
