package vn.lgsp.hub.routing;

import org.eclipse.jetty.http.HttpURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lgsp.hub.problem.ProblemException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The hub forwards a path only when a real provider stack reads it as the hub does. Over paths
 * generated from the pieces attackers use (dot segments, path parameters, encoded dots and
 * slashes, encoded unreserved characters, malformed escapes, raw non-ASCII), every path
 * {@link SharingPath#check} accepts must come out of Jetty's URI normaliser (decoding, dot
 * segments, path parameters) as the plain percent-decoding of what the hub checked: what the
 * hub matched against grants and patterns is what the provider serves.
 */
class SharingPathDifferentialTest {

    private static final String[] PIECES = {"a", "b", "records", "42", "..", ".", ";", ";jsessionid=1", "..;", ".;", "%2e", "%2E",
            "%2e%2e", ".%2e", "%2f", "%2F", "%5c", "%00", "%25", "%252e", "%41", "%61dmin", "%7e", "%c3%a1", "%C3%A1", "%e1%bb%93",
            "%", "%g1", "%2", "~", "-", "_", "!", "$", "&", "'", "(", ")", "*", "+", ",", "=", ":", "@", " ", "%20", "\\", "á",
            "\"", "<", ">", "|", "^", "`", "{", "}", "?", "#", "[", "]", "admin", "WEB-INF", "%3b", "%3B", "%3f", "%23"};

    @Test
    void everyAcceptedPathIsReadByJettyAsTheHubChecksIt() {
        Random random = new Random(20261203);
        int accepted = 0;
        List<String> disagreements = new ArrayList<>();
        for (int n = 0; n < 50_000; n++) {
            String path = generate(random);
            boolean hubAccepts;
            try {
                SharingPath.check(path);
                hubAccepts = true;
            } catch (ProblemException refused) {
                hubAccepts = false;
            }
            if (!hubAccepts) {
                continue;
            }
            accepted++;
            // Jetty keeps some characters escaped in its canonical form (%20, %3B): compare what both decode to.
            String jetty = jettyView(path);
            jetty = jetty.startsWith("<") ? jetty : percentDecode(jetty);
            String hub = percentDecode(path);
            if (!hub.equals(jetty)) {
                disagreements.add(path + " -> hub " + hub + ", jetty " + jetty);
            }
        }
        assertTrue(accepted > 1_000, "the generator must also produce canonical paths (" + accepted + ")");
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " accepted paths read differently by Jetty, e.g. " + disagreements.subList(0, Math.min(5, disagreements.size())));
        }
    }

    /** The classes the differential run found before the canonical form was enforced, kept as plain cases. */
    @ParameterizedTest
    @ValueSource(strings = {"/public/..;/admin", "/a;x=1/b", "/a/.;/b", "/%61dmin", "/a%7e", "/a%2", "/a%zz", "/h\u00e1", "/a b", "/a\"b",
            "/a<b", "/a|b"})
    void refusesWhatProviderStacksReadDifferently(String path) {
        assertThrows(ProblemException.class, () -> SharingPath.check(path));
    }

    @Test
    void keepsCanonicalPathsAsTheyAre() {
        for (String path : new String[] {"/", "/records/42", "/h%C3%A1-so/a~b", "/a:b@c", "/x!$&'()*+,=", "/a%20b"}) {
            assertEquals(path, SharingPath.check(path));
        }
    }

    private static String generate(Random random) {
        StringBuilder path = new StringBuilder();
        int segments = 1 + random.nextInt(4);
        for (int s = 0; s < segments; s++) {
            path.append('/');
            int parts = 1 + random.nextInt(3);
            for (int p = 0; p < parts; p++) {
                path.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return path.toString();
    }

    /** What a Jetty-based provider serves: decoded, dot segments resolved, path parameters removed; null if it refuses. */
    private static String jettyView(String path) {
        try {
            HttpURI uri = HttpURI.from("http://provider.test" + path);
            return uri.getCanonicalPath();
        } catch (RuntimeException refused) {
            return "<refused: " + refused.getClass().getSimpleName() + ">";
        }
    }

    private static String percentDecode(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
