package vn.lgsp.hub.access;

import org.junit.jupiter.api.Test;
import vn.lgsp.hub.identity.SecurityConfig;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VerifiedTokensTest {

    private static final long NOW = 1_000_000L;

    @Test
    void aVerifiedTokenIsTrustedUntilTheTtl() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(30), 10);
        tokens.remember("t1", "client-a", NOW + 300_000, NOW);
        assertEquals("client-a", tokens.clientOf("t1", NOW + 29_999));
        assertNull(tokens.clientOf("t1", NOW + 30_000));
    }

    @Test
    void neverPastTheTokensOwnExpiry() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(30), 10);
        tokens.remember("t1", "client-a", NOW + 2_000, NOW);
        assertEquals("client-a", tokens.clientOf("t1", NOW + 1_999));
        assertNull(tokens.clientOf("t1", NOW + 2_000));
    }

    @Test
    void aTokenDifferingInOneCharacterIsAMiss() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(30), 10);
        tokens.remember("header.payload.signature", "client-a", NOW + 60_000, NOW);
        assertNull(tokens.clientOf("header.payload.signaturf", NOW));
    }

    @Test
    void aZeroTtlRemembersNothing() {
        VerifiedTokens tokens = tokens(Duration.ZERO, 10);
        tokens.remember("t1", "client-a", NOW + 60_000, NOW);
        assertNull(tokens.clientOf("t1", NOW));
    }

    @Test
    void whenFullExpiredEntriesGoFirstThenAll() {
        VerifiedTokens tokens = tokens(Duration.ofSeconds(30), 2);
        tokens.remember("old", "client-a", NOW + 1_000, NOW);
        tokens.remember("live", "client-b", NOW + 60_000, NOW);
        tokens.remember("new", "client-c", NOW + 60_000, NOW + 5_000);
        assertEquals("client-b", tokens.clientOf("live", NOW + 5_000));
        assertEquals("client-c", tokens.clientOf("new", NOW + 5_000));
        tokens.remember("newer", "client-d", NOW + 60_000, NOW + 5_000);
        assertNull(tokens.clientOf("live", NOW + 5_000));
        assertEquals("client-d", tokens.clientOf("newer", NOW + 5_000));
    }

    private static VerifiedTokens tokens(Duration ttl, int max) {
        VerifiedTokens tokens = new VerifiedTokens();
        tokens.config = new SecurityConfig() {
            @Override
            public String orgClaim() {
                return "org";
            }

            @Override
            public List<String> clientIdClaims() {
                return List.of("azp");
            }

            @Override
            public Audit audit() {
                throw new UnsupportedOperationException();
            }

            @Override
            public TokenCache tokenCache() {
                return new TokenCache() {
                    @Override
                    public Duration ttl() {
                        return ttl;
                    }

                    @Override
                    public int maxEntries() {
                        return max;
                    }
                };
            }
        };
        return tokens;
    }
}
