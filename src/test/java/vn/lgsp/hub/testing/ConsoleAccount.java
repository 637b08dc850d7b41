package vn.lgsp.hub.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test realm's people who sign in to the operator console (authorization code flow with
 * PKCE through the real Keycloak, client {@code lgsp-console}), and a plain-HTTP log-in that
 * walks that flow as a browser would: hub -> Keycloak's login form -> hub's callback. Browsers
 * log in through the same form (ConsoleBrowser).
 */
public enum ConsoleAccount {
    ADMIN("console-admin", null),
    /** A system_owner of {@link Role#ORG_A}, like the bearer client {@link Role#OWNER_A}. */
    OWNER_A("console-owner-a", Role.ORG_A),
    OWNER_B("console-owner-b", Role.ORG_B),
    OPERATOR("console-operator", null),
    INTEGRATOR("console-integrator", null);

    /** The console client's secret in the test realm (src/test/resources/keycloak/lgsp-realm.json). */
    public static final String CLIENT_SECRET = "console-secret-3e8a";

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public final String username;
    public final String org;

    ConsoleAccount(String username, String org) {
        this.username = username;
        this.org = org;
    }

    public String password() {
        return username + "-pw";
    }

    /**
     * Signs in to the console at {@code hubBase} (e.g. {@code http://localhost:8081}) and answers
     * the hub's cookies (the session), to send with later requests.
     */
    public Map<String, String> logIn(String hubBase) {
        String base = hubBase.endsWith("/") ? hubBase.substring(0, hubBase.length() - 1) : hubBase;
        Map<String, String> hub = new LinkedHashMap<>();
        Map<String, String> keycloak = new LinkedHashMap<>();
        HttpResponse<String> toProvider = send(get(base + "/console"), hub);
        expect(toProvider, 302);
        String authorize = location(toProvider);
        HttpResponse<String> loginPage = send(get(authorize), keycloak);
        expect(loginPage, 200);
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        if (!action.find()) {
            throw new IllegalStateException("no Keycloak login form at " + authorize);
        }
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password(), StandardCharsets.UTF_8) + "&credentialId=";
        HttpResponse<String> toHub = send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)), keycloak);
        expect(toHub, 302);
        HttpResponse<String> back = send(get(location(toHub)), hub);
        expect(back, 302);
        if (hub.keySet().stream().noneMatch(name -> name.startsWith("q_session"))) {
            throw new IllegalStateException("the hub set no session cookie after the code flow: " + hub.keySet());
        }
        return hub;
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET();
    }

    /** Sends with the jar's cookies and keeps the ones set (by hand: Keycloak's are Secure, which java.net's jar drops on http). */
    private static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> jar) {
        if (!jar.isEmpty()) {
            request.header("Cookie", String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                    jar.remove(name);
                } else {
                    jar.put(name, value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no Location from " + response.uri()));
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + ": HTTP " + response.statusCode()
                    + " (expected " + status + ") " + response.body().substring(0, Math.min(300, response.body().length())));
        }
    }
}
