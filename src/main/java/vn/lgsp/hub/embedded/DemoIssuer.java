package vn.lgsp.hub.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A tiny OpenID Connect issuer for the one-command demo ONLY: discovery, JWKS and a token
 * endpoint for OAuth2 client credentials, with one client per role; and, for the operator
 * console, the authorization code flow with PKCE ({@link DemoLogin}: a page listing the demo
 * users, no passwords) and an end-session endpoint. It is started by the
 * embedded run when no identity provider is configured, listens on 127.0.0.1 only, and never
 * runs in production ({@code lgsp.embedded.enabled=false}, or any {@code quarkus.oidc.auth-server-url}).
 * Its signing key and the client secrets are kept in the embedded data folder, so the tokens a
 * user holds keep working across restarts.
 */
public final class DemoIssuer implements AutoCloseable {

    /** client id -> roles, org. */
    public static final Map<String, String[]> CLIENTS = new LinkedHashMap<>();

    static {
        CLIENTS.put("demo-admin", new String[] {"admin", null});
        CLIENTS.put("demo-owner", new String[] {"system_owner", "demo-org"});
        CLIENTS.put("demo-operator", new String[] {"operator", null});
        CLIENTS.put("demo-integrator", new String[] {"integrator", null});
    }

    /** The console's client (authorization code flow with PKCE); its secret is kept with the others. */
    public static final String CONSOLE_CLIENT = "demo-console";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer server;
    private final KeyPair keys;
    private final String kid;
    private final String issuer;
    private final Map<String, String> secrets;
    private final DemoLogin login = new DemoLogin(CONSOLE_CLIENT);

    private DemoIssuer(int port, Map<String, String> secrets, KeyPair keys) throws IOException {
        this.keys = keys;
        this.kid = keyId(keys.getPublic());
        this.secrets = secrets;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/demo";
        server.createContext("/realms/demo/.well-known/openid-configuration", this::discovery);
        server.createContext("/realms/demo/protocol/openid-connect/certs", this::jwks);
        server.createContext("/realms/demo/protocol/openid-connect/token", this::token);
        server.createContext("/realms/demo/protocol/openid-connect/auth", login::authorize);
        server.createContext("/realms/demo/protocol/openid-connect/logout", this::endSession);
        server.start();
    }

    /** Starts the demo issuer; client secrets are read from (or made and written to) {@code dataDir}. */
    public static DemoIssuer start(Path dataDir, int port) {
        try {
            return new DemoIssuer(port, secrets(dataDir.resolve("demo-clients.properties")), signingKey(dataDir.resolve("demo-signing-key.der")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the demo identity provider on port " + port, e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String tokenUrl() {
        return issuer + "/protocol/openid-connect/token";
    }

    public Map<String, String> secrets() {
        return secrets;
    }

    /** The RSA key in {@code file} (PKCS#8, readable by its owner only), made and written there the first time. */
    private static KeyPair signingKey(Path file) throws IOException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(file)) {
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
                return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "demo-signing-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(partial, keys.getPrivate().getEncoded());
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return keys;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException("the demo signing key in " + file + " cannot be read; delete the file to make a new one", e);
        }
    }

    /** Stable for one key: the first 16 bytes of the SHA-256 of its public encoding. */
    private static String keyId(PublicKey key) {
        try {
            return B64.encodeToString(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> secrets(Path file) throws IOException {
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
        }
        boolean changed = false;
        SecureRandom random = new SecureRandom();
        List<String> clients = new java.util.ArrayList<>(CLIENTS.keySet());
        clients.add(CONSOLE_CLIENT);
        for (String client : clients) {
            if (props.getProperty(client) == null) {
                byte[] secret = new byte[18];
                random.nextBytes(secret);
                props.setProperty(client, B64.encodeToString(secret));
                changed = true;
            }
        }
        if (changed) {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "Client secrets of the embedded demo identity provider (demo only)");
            }
        }
        Map<String, String> map = new HashMap<>();
        clients.forEach(client -> map.put(client, props.getProperty(client)));
        return map;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        ObjectNode doc = JSON.createObjectNode()
                .put("issuer", issuer)
                .put("jwks_uri", issuer + "/protocol/openid-connect/certs")
                .put("token_endpoint", tokenUrl())
                .put("authorization_endpoint", issuer + "/protocol/openid-connect/auth")
                .put("end_session_endpoint", issuer + "/protocol/openid-connect/logout");
        doc.putArray("grant_types_supported").add("client_credentials").add("authorization_code");
        doc.putArray("response_types_supported").add("code");
        doc.putArray("code_challenge_methods_supported").add("S256");
        doc.putArray("subject_types_supported").add("public");
        doc.putArray("scopes_supported").add("openid");
        doc.putArray("id_token_signing_alg_values_supported").add("RS256");
        doc.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
        reply(exchange, 200, doc.toString());
    }

    private void jwks(HttpExchange exchange) throws IOException {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        ObjectNode jwk = JSON.createObjectNode().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
                .put("n", B64.encodeToString(unsigned(key.getModulus()))).put("e", B64.encodeToString(unsigned(key.getPublicExponent())));
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("keys").add(jwk);
        reply(exchange, 200, doc.toString());
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            reply(exchange, 405, "{\"error\":\"invalid_request\"}");
            return;
        }
        byte[] raw = exchange.getRequestBody().readNBytes(8192);
        Map<String, String> form = form(new String(raw, StandardCharsets.UTF_8));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
            if (pair.length == 2) {
                form.put("client_id", URLDecoder.decode(pair[0], StandardCharsets.UTF_8));
                form.put("client_secret", URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
            }
        }
        String client = form.get("client_id");
        String expected = client == null ? null : secrets.get(client);
        String given = form.get("client_secret");
        if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            reply(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        if ("authorization_code".equals(form.get("grant_type")) && CONSOLE_CLIENT.equals(client)) {
            DemoLogin.Pending code = login.redeem(form);
            if (code == null) {
                reply(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            DemoLogin.User user = code.user();
            ObjectNode access = claims(client, user.username(), user.role(), user.org(), now).put("aud", "lgsp-hub").put("typ", "Bearer");
            ObjectNode id = claims(client, user.username(), user.role(), user.org(), now).put("aud", client).put("typ", "ID")
                    .put("name", user.displayName()).put("auth_time", now);
            if (code.nonce() != null) {
                id.put("nonce", code.nonce());
            }
            reply(exchange, 200, JSON.createObjectNode().put("access_token", sign(access)).put("id_token", sign(id))
                    .put("token_type", "Bearer").put("expires_in", 3600).put("scope", "openid").toString());
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type")) || !CLIENTS.containsKey(client)) {
            reply(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        String[] role = CLIENTS.get(client);
        ObjectNode claims = claims(client, "service-account-" + client, role[0], role[1], now).put("aud", "lgsp-hub")
                .put("sub", client).put("client_id", client).put("typ", "Bearer");
        reply(exchange, 200, JSON.createObjectNode().put("access_token", sign(claims)).put("token_type", "Bearer")
                .put("expires_in", 3600).toString());
    }

    /** The claims every demo token carries: issuer, subject, client, roles in realm_access.roles, the organisation in org. */
    private ObjectNode claims(String client, String username, String role, String org, long now) {
        ObjectNode claims = JSON.createObjectNode().put("iss", issuer).put("sub", username).put("azp", client)
                .put("preferred_username", username).put("iat", now).put("exp", now + 3600).put("jti", UUID.randomUUID().toString());
        claims.putObject("realm_access").putArray("roles").add(role);
        if (org != null) {
            claims.put("org", org);
        }
        return claims;
    }

    /** RP-initiated logout: the demo keeps no sessions, so it only sends the browser back (to this machine only). */
    private void endSession(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String back = form(query == null ? "" : query).get("post_logout_redirect_uri");
        if (back != null && (back.startsWith("http://localhost:") || back.startsWith("http://127.0.0.1:"))) {
            String state = form(query).get("state");
            exchange.getResponseHeaders().set("Location", back + (state == null ? "" : (back.contains("?") ? "&" : "?") + "state="
                    + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        reply(exchange, 200, "{\"signed_out\":true}");
    }

    private String sign(ObjectNode claims) {
        try {
            String header = B64.encodeToString(JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", kid)
                    .toString().getBytes(StandardCharsets.UTF_8));
            String payload = B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        exchange.getResponseHeaders().put("Cache-Control", List.of("no-store"));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
