package vn.lgsp.hub.console;

import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.NewCookie;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person typed into a form the hub refused, handed back to the page it redirects to so the
 * form comes back filled in. It travels in a short-lived cookie under the hub's seal, bound to the
 * person and the form, rather than in the address: typed values stay out of access logs and
 * history, and nobody can send a link (or plant a cookie) that fills a form with their values.
 * Secrets are never among them: the forms leave those fields out.
 */
public record TypedValues(String form, Map<String, String> values) {

    static final String COOKIE = "lgsp-form";
    static final TypedValues NONE = new TypedValues("", Map.of());
    private static final int MAX_VALUE = 2000;
    private static final int MAX_COOKIE = 3800;

    /** The values of {@code form} as name, value, name, value...; each cut to a bounded length, empty ones left out. */
    static TypedValues of(String form, String... namesAndValues) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isEmpty()) {
                kept.put(namesAndValues[i], value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
            }
        }
        return new TypedValues(form, kept);
    }

    /** The cookie that carries these values back to {@code subject}'s next page; null if they do not fit in one. */
    NewCookie cookie(String subject, NoticeSeal seals) {
        String text = new JsonObject().put("form", form).put("values", new JsonObject(new LinkedHashMap<>(values))).encode();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        String value = payload + "." + seals.sign(subject + "\n" + payload);
        return value.length() > MAX_COOKIE ? null : build(value, 120);
    }

    /** A cookie that removes the values once a form went through. */
    static NewCookie cleared() {
        return build("", 0);
    }

    /** The values in a cookie the hub sealed for {@code subject}; {@link #NONE} for anything else. */
    static TypedValues read(String cookie, String subject, NoticeSeal seals) {
        if (cookie == null || subject == null) {
            return NONE;
        }
        int dot = cookie.indexOf('.');
        if (dot <= 0 || cookie.length() > MAX_COOKIE || !seals.signed(subject + "\n" + cookie.substring(0, dot), cookie.substring(dot + 1))) {
            return NONE;
        }
        try {
            JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(cookie.substring(0, dot)), StandardCharsets.UTF_8));
            Map<String, String> values = new LinkedHashMap<>();
            json.getJsonObject("values").forEach(entry -> values.put(entry.getKey(), String.valueOf(entry.getValue())));
            return new TypedValues(json.getString("form"), values);
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    /** What was typed in {@code name} of {@code form}, or empty. */
    public String value(String form, String name) {
        return this.form.equals(form) ? values.getOrDefault(name, "") : "";
    }

    private static NewCookie build(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path("/console").maxAge(maxAge).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
