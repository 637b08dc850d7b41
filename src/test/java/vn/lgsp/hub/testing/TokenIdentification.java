package vn.lgsp.hub.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The production identification of sharing callers: no trusted header, only OIDC tokens. */
public class TokenIdentification implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lgsp.sharing.trusted-consumer-header", "");
    }
}
