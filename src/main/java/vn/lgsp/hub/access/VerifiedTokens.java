package vn.lgsp.hub.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.identity.SecurityConfig;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of integrator clients that passed full OIDC validation, remembered until
 * {@code lgsp.security.token-cache.ttl} or the token's expiry, whichever is first. Only tokens
 * that were accepted are remembered: a refused token is validated (and audited) every time.
 * Keys are the whole token, so a token differing in one byte is a miss.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** What the sharing API needs of a verified token. */
    record Verified(String clientId, long validUntilMillis) {
    }

    @Inject
    SecurityConfig config;

    private final ConcurrentHashMap<String, Verified> tokens = new ConcurrentHashMap<>();

    /** The verified token's client, or null when it must be validated again. */
    String clientOf(String token, long nowMillis) {
        Verified verified = tokens.get(token);
        if (verified == null) {
            return null;
        }
        if (verified.validUntilMillis() <= nowMillis) {
            tokens.remove(token, verified);
            return null;
        }
        return verified.clientId();
    }

    /** Remembers a token that passed validation and expires at {@code expiresAtMillis} (0 when unknown: not remembered). */
    void remember(String token, String clientId, long expiresAtMillis, long nowMillis) {
        long ttl = config.tokenCache().ttl().toMillis();
        if (ttl <= 0 || expiresAtMillis <= nowMillis) {
            return;
        }
        if (tokens.size() >= config.tokenCache().maxEntries()) {
            tokens.values().removeIf(v -> v.validUntilMillis() <= nowMillis);
            if (tokens.size() >= config.tokenCache().maxEntries()) {
                tokens.clear();
            }
        }
        tokens.put(token, new Verified(clientId, Math.min(nowMillis + ttl, expiresAtMillis)));
    }
}
