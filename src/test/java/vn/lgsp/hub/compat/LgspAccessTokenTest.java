package vn.lgsp.hub.compat;

import org.junit.jupiter.api.Test;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LgspAccessTokenTest {

    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheHeaderExistingClientsBuild() {
        LgspAccessToken token = LgspAccessToken.decode(b64("{\"AccessKey\":\"motcua\",\"SecretKey\":\"k3y\",\"AppName\":\"Một cửa\","
                + "\"PartnerCode\":\"000.00.00.H30\",\"PartnerCodeCus\":\"000.00.00.H30\"}"));
        assertEquals("motcua", token.accessKey());
        assertEquals("k3y", token.secretKey());
        assertEquals("Một cửa", token.appName());
        assertEquals("000.00.00.H30", token.partnerCode());
        assertFalse(token.toString().contains("k3y"), "the secret never reaches a log line through toString");
    }

    @Test
    void optionalFieldsMayBeAbsentAndUrlSafeBase64IsAccepted() {
        String json = "{\"AccessKey\":\"a\",\"SecretKey\":\"s>>?\"}";
        LgspAccessToken token = LgspAccessToken.decode(Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("s>>?", token.secretKey());
        assertNull(token.partnerCode());
    }

    @Test
    void everyMalformedHeaderIsOneStableProblemThatQuotesNothing() {
        String secret = "do-not-echo";
        for (String header : new String[] {"", "%%%", b64("not json " + secret), b64("[\"" + secret + "\"]"),
                b64("{\"AccessKey\":\"a\"}"), b64("{\"SecretKey\":\"" + secret + "\"}"), b64("{\"AccessKey\":1,\"SecretKey\":\"" + secret + "\"}"),
                b64("{\"AccessKey\":\"a\",\"AccessKey\":\"b\",\"SecretKey\":\"" + secret + "\"}"),
                b64("{\"AccessKey\":\"a\\u0000\",\"SecretKey\":\"" + secret + "\"}"), "A".repeat(5000)}) {
            ProblemException e = assertThrows(ProblemException.class, () -> LgspAccessToken.decode(header), header);
            assertEquals(ErrorCode.LGSP_TOKEN_MALFORMED, e.error());
            assertEquals("lgspaccesstoken", e.field());
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }
}
