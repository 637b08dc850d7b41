package vn.lgsp.hub.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

import java.util.Locale;

/**
 * The console's language: Vietnamese by default, English when asked with {@code ?lang=en}
 * (remembered in a cookie) or preferred in Accept-Language over Vietnamese.
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
        if (cookie != null) {
            return "en".equals(cookie.getValue()) ? EN : VI;
        }
        String accept = request.getHeader("Accept-Language");
        if (accept != null) {
            for (String range : accept.split(",")) {
                String tag = range.split(";")[0].strip().toLowerCase(Locale.ROOT);
                if (tag.startsWith("vi")) {
                    return VI;
                }
                if (tag.startsWith("en")) {
                    return EN;
                }
            }
        }
        return VI;
    }
}
