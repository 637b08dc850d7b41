package vn.lgsp.hub.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.Secret;
import vn.lgsp.hub.connector.spi.TlsSettings;
import vn.lgsp.hub.connector.spi.UpstreamAuth;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An endpoint as returned by the API: every setting but the secrets, which show only as
 * {@code secretSet} / {@code clientKeySet}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(
        @JsonIgnore UUID id,
        @JsonIgnore UUID systemId,
        String code,
        String connectorType,
        String address,
        int connectTimeoutMs,
        int requestTimeoutMs,
        Tls tls,
        Auth auth,
        Map<String, String> options,
        int version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The settings a connector works with, with the decrypted credentials. */
    public EndpointSettings toSettings(Secret secret, Secret clientKey) {
        Map<String, String> params = new HashMap<>();
        putIfSet(params, "header", auth.header());
        putIfSet(params, "username", auth.username());
        putIfSet(params, "tokenUrl", auth.tokenUrl());
        putIfSet(params, "clientId", auth.clientId());
        putIfSet(params, "scope", auth.scope());
        putIfSet(params, "clientAuthentication", auth.clientAuthentication());
        return new EndpointSettings(id.toString(), connectorType, URI.create(address),
                Duration.ofMillis(connectTimeoutMs), Duration.ofMillis(requestTimeoutMs),
                new TlsSettings(tls.verifyHostname(), tls.trustAll(), tls.caCertificatesPem(), tls.clientCertificatePem(), clientKey),
                new UpstreamAuth(auth.type(), params, secret), options);
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tls(boolean verifyHostname, boolean trustAll, String caCertificatesPem,
                      String clientCertificatePem, boolean clientKeySet) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Auth(String type, String header, String username, String tokenUrl, String clientId,
                       String scope, String clientAuthentication, boolean secretSet, OffsetDateTime secretUpdatedAt) {
    }
}
