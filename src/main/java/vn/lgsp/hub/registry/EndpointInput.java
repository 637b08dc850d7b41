package vn.lgsp.hub.registry;

import java.util.Map;

/**
 * What an owner submits for an endpoint. Secrets ({@code auth.secret}, {@code tls.clientKeyPem})
 * are write-only: stored encrypted, never returned; omitted on update means "keep the stored one".
 */
public record EndpointInput(
        String code,
        String connectorType,
        String address,
        Integer connectTimeoutMs,
        Integer requestTimeoutMs,
        Tls tls,
        Auth auth,
        Map<String, String> options) {

    /** TLS towards the provider; {@code clientKeyPem} is write-only. */
    public record Tls(Boolean verifyHostname, Boolean trustAll, String caCertificatesPem,
                      String clientCertificatePem, String clientKeyPem) {
    }

    /**
     * Upstream authentication; {@code secret} (API key, password or client secret) is write-only.
     * {@code clientAuthentication} is how an OAuth2 client secret reaches the token endpoint:
     * {@code basic} (HTTP Basic, the default) or {@code post} (form fields).
     */
    public record Auth(String type, String header, String username, String tokenUrl, String clientId,
                       String scope, String clientAuthentication, String secret) {
    }
}
