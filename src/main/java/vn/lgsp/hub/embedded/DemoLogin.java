package vn.lgsp.hub.embedded;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo issuer's authorization endpoint, for the console's log-in in the one-command demo
 * ONLY: a plain page listing the demo users (no passwords: anyone who reaches 127.0.0.1 may pick
 * one), the authorization code it hands back, and the code's redemption with PKCE (S256, required)
 * at the token endpoint. Codes are single-use, live a minute and go only to loopback redirect URIs.
 */
final class DemoLogin {

    /** A person the demo console can sign in as. */
    record User(String username, String displayName, String role, String org) {
    }

    static final List<User> USERS = List.of(
            new User("admin", "Quản trị viên (demo)", "admin", null),
            new User("owner", "Chủ hệ thống (demo)", "system_owner", "demo-org"),
            new User("operator", "Cán bộ vận hành (demo)", "operator", null));

    private static final long CODE_LIFETIME_MILLIS = 60_000;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** An issued code: for whom, to which client and redirect URI, under which PKCE challenge and nonce. */
    record Pending(User user, String clientId, String redirectUri, String challenge, String nonce, long expiresAtMillis) {
    }

    private final String clientId;
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    DemoLogin(String clientId) {
        this.clientId = clientId;
    }

    /** GET: the log-in page; POST (the page's form): a code for the chosen user, sent back to the client. */
    void authorize(HttpExchange exchange) throws IOException {
        boolean chosen = "POST".equals(exchange.getRequestMethod());
        Map<String, String> params = DemoIssuer.form(chosen ? new String(exchange.getRequestBody().readNBytes(8192), StandardCharsets.UTF_8)
                : exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        String problem = problem(params);
        if (problem != null) {
            page(exchange, 400, "<p role=\"alert\">" + escape(problem) + "</p>");
            return;
        }
        if (!chosen) {
            page(exchange, 200, form(params));
            return;
        }
        User user = USERS.stream().filter(u -> u.username().equals(params.get("username"))).findFirst().orElse(null);
        if (user == null) {
            page(exchange, 400, "<p role=\"alert\">unknown demo user</p>");
            return;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String code = B64.encodeToString(bytes);
        codes.put(code, new Pending(user, clientId, params.get("redirect_uri"), params.get("code_challenge"), params.get("nonce"),
                System.currentTimeMillis() + CODE_LIFETIME_MILLIS));
        String redirect = params.get("redirect_uri");
        String target = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                + (params.get("state") == null ? "" : "&state=" + URLEncoder.encode(params.get("state"), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().set("Location", target);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** What a code was issued for, if the code, client, redirect URI and PKCE verifier match (else null); spent either way. */
    Pending redeem(Map<String, String> form) {
        String code = form.get("code");
        Pending pending = code == null ? null : codes.remove(code);
        if (pending == null || pending.expiresAtMillis() < System.currentTimeMillis() || !pending.clientId().equals(form.get("client_id"))
                || !pending.redirectUri().equals(form.get("redirect_uri"))) {
            return null;
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || verifier.length() < 43 || verifier.length() > 128
                || !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII), pending.challenge().getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        return pending;
    }

    /** RFC 7636's S256: base64url(SHA-256(verifier)). */
    static String s256(String verifier) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String problem(Map<String, String> params) {
        if (!"code".equals(params.get("response_type"))) {
            return "response_type must be code";
        }
        if (!clientId.equals(params.get("client_id"))) {
            return "unknown client_id (the demo knows only " + clientId + ")";
        }
        if (!loopback(params.get("redirect_uri"))) {
            return "redirect_uri must be an http(s) address on this machine";
        }
        if (params.get("code_challenge") == null || !"S256".equals(params.get("code_challenge_method"))) {
            return "PKCE is required: code_challenge with code_challenge_method=S256";
        }
        return null;
    }

    private static boolean loopback(String uri) {
        try {
            URI parsed = URI.create(uri);
            return ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) && parsed.getHost() != null
                    && LOOPBACK.contains(parsed.getHost()) && parsed.getFragment() == null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static String form(Map<String, String> params) {
        StringBuilder html = new StringBuilder("<form method=\"post\">");
        for (String name : List.of("response_type", "client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method",
                "nonce", "scope")) {
            if (params.get(name) != null) {
                html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(params.get(name))).append("\">");
            }
        }
        html.append("<fieldset><legend>Đăng nhập với tư cách / Sign in as</legend>");
        for (User user : USERS) {
            html.append("<p><button type=\"submit\" name=\"username\" id=\"demo-").append(user.username()).append("\" value=\"")
                    .append(user.username()).append("\">").append(escape(user.displayName())).append(" – ").append(user.role())
                    .append(user.org() == null ? "" : ", org " + escape(user.org())).append("</button></p>");
        }
        return html.append("</fieldset></form>").toString();
    }

    private static void page(HttpExchange exchange, int status, String body) throws IOException {
        String html = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>LGSP demo log-in</title></head><body>"
                + "<main><h1>Đăng nhập thử (demo) / Demo log-in</h1><p>Chỉ dùng cho bản chạy thử cục bộ, không dùng khi triển khai. "
                + "Demo only, never in production.</p>" + body + "</main></body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
