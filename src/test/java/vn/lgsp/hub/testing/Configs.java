package vn.lgsp.hub.testing;

import io.smallrye.config.WithDefault;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A {@code @ConfigMapping} interface answered from its own {@code @WithDefault}s, with some keys overridden: for unit tests. */
public final class Configs {

    private Configs() {
    }

    /** {@code overrides} by method name (e.g. {@code breakerFailureThreshold}). */
    public static <T> T of(Class<T> mapping, Map<String, Object> overrides) {
        Object proxy = Proxy.newProxyInstance(mapping.getClassLoader(), new Class<?>[] {mapping}, (self, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            return byDefault(method);
        });
        return mapping.cast(proxy);
    }

    private static Object byDefault(Method method) {
        WithDefault value = method.getAnnotation(WithDefault.class);
        Class<?> type = method.getReturnType();
        if (value == null) {
            if (type == Optional.class) {
                return Optional.empty();
            }
            throw new IllegalArgumentException(method.getName() + " has no default: give it in the overrides");
        }
        String text = value.value();
        if (type == int.class) {
            return Integer.parseInt(text);
        }
        if (type == long.class) {
            return Long.parseLong(text);
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        }
        if (type == Duration.class) {
            return parseDuration(text);
        }
        return text;
    }

    private static Duration parseDuration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.parse(text);
        };
    }
}
