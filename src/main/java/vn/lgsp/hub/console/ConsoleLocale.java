package vn.lgsp.hub.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

import java.util.Locale;

/**
 * The console's language: Vietnamese by default, whatever the browser's own language, and English
 * when chosen with {@code ?lang=en} (remembered in a cookie).
 */
public final class ConsoleLocale {

    public static final String COOKIE = "lgsp-console-lang";
    public static final Locale VI = Locale.forLanguageTag("vi-VN");
    public static final Locale EN = Locale.forLanguageTag("en");

    private ConsoleLocale() {
    }

    public static Locale of(HttpServerRequest request) {
        String asked = request.getParam("lang");
        if (asked != null && (asked.equals("en") || asked.equals("vi"))) {
            return asked.equals("en") ? EN : VI;
        }
        Cookie cookie = request.getCookie(COOKIE);
        // Accept-Language is not asked: a Vietnamese office running English Windows still wants Vietnamese.
        return cookie != null && "en".equals(cookie.getValue()) ? EN : VI;
    }
}
