package vn.lgsp.hub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real access tokens from the test Keycloak (OAuth2 client credentials), cached until shortly
 * before they expire; and the Keycloak admin REST API for clients made on the fly.
 */
public final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, long expiresAtMillis) {
    }

    private Tokens() {
    }

    /** A cached token of {@code clientId}. */
    public static String of(String clientId, String secret) {
        Cached cached = CACHE.get(clientId);
        if (cached != null && cached.expiresAtMillis() > System.currentTimeMillis() + 30_000) {
            return cached.token();
        }
        JsonNode answer = fetch(KeycloakServer.issuer(), clientId, secret);
        String token = answer.get("access_token").asText();
        CACHE.put(clientId, new Cached(token, System.currentTimeMillis() + answer.get("expires_in").asLong() * 1000));
        return token;
    }

    /** A new token (never cached), from {@code issuerBase} (e.g. a differently spelt host of the same Keycloak). */
    public static String fresh(String issuer, String clientId, String secret) {
        return fetch(issuer, clientId, secret).get("access_token").asText();
    }

    /** The token endpoint's HTTP status for these client credentials (e.g. 401 once the client is disabled). */
    public static int tokenStatus(String clientId, String secret) {
        return post(KeycloakServer.issuer() + "/protocol/openid-connect/token",
                form(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)), null).statusCode();
    }

    private static JsonNode fetch(String issuer, String clientId, String secret) {
        HttpResponse<String> response = post(issuer + "/protocol/openid-connect/token",
                form(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)), null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token for " + clientId + ": HTTP " + response.statusCode());
        }
        return read(response.body());
    }

    /** Creates a confidential integrator client (service account with role integrator, audience lgsp-hub); returns its secret. */
    public static String createIntegrator(String clientId) {
        String secret = "s-" + java.util.UUID.randomUUID();
        String admin = adminToken();
        String base = KeycloakServer.base() + "/admin/realms/" + KeycloakServer.REALM;
        Map<String, Object> client = Map.of("clientId", clientId, "secret", secret, "enabled", true, "publicClient", false,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "protocolMappers", List.of(Map.of("name", "hub-audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper",
                        "config", Map.of("included.custom.audience", "lgsp-hub", "access.token.claim", "true", "id.token.claim", "false"))));
        check(post(base + "/clients", write(client), admin), 201);
        String id = clientUuid(clientId, admin);
        JsonNode user = read(check(get(base + "/clients/" + id + "/service-account-user", admin), 200).body());
        JsonNode role = read(check(get(base + "/roles/integrator", admin), 200).body());
        check(post(base + "/users/" + user.get("id").asText() + "/role-mappings/realm", "[" + role + "]", admin), 204);
        return secret;
    }

    /** Disables a client in Keycloak (it gets no new tokens). */
    public static void disableClient(String clientId) {
        String admin = adminToken();
        String id = clientUuid(clientId, admin);
        HttpRequest request = HttpRequest.newBuilder(URI.create(KeycloakServer.base() + "/admin/realms/" + KeycloakServer.REALM + "/clients/" + id))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + clientId + "\",\"enabled\":false}")).build();
        check(send(request), 204);
        CACHE.remove(clientId);
    }

    private static String clientUuid(String clientId, String admin) {
        JsonNode found = read(check(get(KeycloakServer.base() + "/admin/realms/" + KeycloakServer.REALM + "/clients?clientId="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8), admin), 200).body());
        return found.get(0).get("id").asText();
    }

    private static String adminToken() {
        HttpResponse<String> response = post(KeycloakServer.base() + "/realms/master/protocol/openid-connect/token",
                form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", KeycloakServer.ADMIN_USER,
                        "password", KeycloakServer.adminPassword())), null);
        return read(check(response, 200).body()).get("access_token").asText();
    }

    private static HttpResponse<String> post(String url, String body, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        builder.header("Content-Type", body.startsWith("{") || body.startsWith("[") ? "application/json" : "application/x-www-form-urlencoded");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    private static HttpResponse<String> get(String url, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().uri() + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
