package vn.lgsp.hub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/** Forges tokens from real ones: the attacks a bearer-token API must refuse. */
public final class Jwts {

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private Jwts() {
    }

    public static ObjectNode header(String token) {
        return (ObjectNode) Tokens.read(new String(DEC.decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    public static ObjectNode payload(String token) {
        return (ObjectNode) Tokens.read(new String(DEC.decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** The real token with its payload changed (roles raised to admin, another org), its signature kept. */
    public static String tamperedPayload(String token) {
        ObjectNode payload = payload(token);
        ArrayNode roles = ((ObjectNode) payload.with("realm_access")).putArray("roles");
        roles.add("admin");
        payload.put("org", "org-b");
        String[] parts = token.split("\\.");
        return parts[0] + "." + encode(payload) + "." + parts[2];
    }

    /** The real payload with {@code alg: none} and no signature. */
    public static String algNone(String token) {
        ObjectNode header = header(token);
        header.put("alg", "none");
        return encode(header) + "." + token.split("\\.")[1] + ".";
    }

    /** The real header (same kid) and payload, signed with a key the issuer never had. */
    public static String signedWithWrongKey(String token) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            String[] parts = token.split("\\.");
            String signingInput = parts[0] + "." + parts[1];
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + ENC.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(JsonNode node) {
        return ENC.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }
}
