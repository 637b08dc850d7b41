package vn.lgsp.hub.connector.spi;

import java.util.Map;

/**
 * How the hub authenticates itself to a provider. Caller credentials are never forwarded; this
 * is the only identity a provider sees.
 *
 * @param type   {@code none}, {@code api_key}, {@code basic} or {@code oauth2_client_credentials}
 * @param params non-secret parameters: {@code header} (api_key), {@code username} (basic),
 *               {@code tokenUrl}, {@code clientId}, {@code scope}, {@code clientAuthentication} ({@code basic} or {@code post})
 *               (oauth2_client_credentials)
 * @param secret the API key, password or client secret, or null for {@code none}
 */
public record UpstreamAuth(String type, Map<String, String> params, Secret secret) {

    public static final UpstreamAuth NONE = new UpstreamAuth("none", Map.of(), null);

    public UpstreamAuth {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public String param(String name) {
        return params.get(name);
    }
}
