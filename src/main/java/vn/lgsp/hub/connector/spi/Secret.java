package vn.lgsp.hub.connector.spi;

import java.util.Arrays;

/**
 * A credential the hub holds for a provider. It never prints itself, so a secret that reaches a
 * log line or an error message by accident shows as {@code ***}.
 */
public final class Secret {

    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null ? null : new Secret(value.toCharArray());
    }

    /** The secret itself, for the moment it is put on the wire. Never log or store the result. */
    public String reveal() {
        return new String(value);
    }

    @Override
    public String toString() {
        return "***";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }
}
