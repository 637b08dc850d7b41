package vn.lgsp.hub.compat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code lgspaccesstoken} header of today's LGSP clients: Base64 of a JSON object
 * {@code {"AccessKey", "SecretKey", "AppName", "PartnerCode", "PartnerCodeCus"}}. Its SecretKey is
 * a client secret only Base64-encoded, so it is never logged, stored nor echoed: {@link #toString()}
 * leaves it out, and problems never quote the header.
 */
public record LgspAccessToken(String accessKey, String secretKey, String appName, String partnerCode, String partnerCodeCus) {

    public static final String HEADER = "lgspaccesstoken";
    static final int MAX_HEADER_LENGTH = 4096;
    private static final int MAX_FIELD_LENGTH = 512;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).build());
    }

    /** Decodes a header value; any fault is a 400 {@code lgsp-token-malformed} that quotes nothing of it. */
    public static LgspAccessToken decode(String header) {
        if (header == null || header.isBlank()) {
            throw malformed("the lgspaccesstoken header is empty");
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            throw malformed("the lgspaccesstoken header is longer than " + MAX_HEADER_LENGTH + " characters");
        }
        byte[] json;
        try {
            // Some clients wrap long Base64 lines, some use the URL-safe alphabet; nothing else is lenient.
            String compact = header.replaceAll("\\s+", "");
            json = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(compact) : Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw malformed("the lgspaccesstoken header is not Base64");
        }
        JsonNode node;
        try {
            node = JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw malformed("the lgspaccesstoken header is not Base64 of a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw malformed("the lgspaccesstoken header is not Base64 of a JSON object");
        }
        String accessKey = text(node, "AccessKey", true);
        String secretKey = text(node, "SecretKey", true);
        return new LgspAccessToken(accessKey, secretKey, text(node, "AppName", false), text(node, "PartnerCode", false),
                text(node, "PartnerCodeCus", false));
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw malformed("the lgspaccesstoken has no " + field);
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_FIELD_LENGTH
                || value.asText().chars().anyMatch(Character::isISOControl)) {
            throw malformed("the lgspaccesstoken's " + field + " must be a non-empty string of at most " + MAX_FIELD_LENGTH + " characters");
        }
        return value.asText();
    }

    private static ProblemException malformed(String detail) {
        return ProblemException.field(ErrorCode.LGSP_TOKEN_MALFORMED, HEADER, detail);
    }

    @Override
    public String toString() {
        return "LgspAccessToken[accessKey=" + accessKey + ", appName=" + appName + ", partnerCode=" + partnerCode + "]";
    }
}
