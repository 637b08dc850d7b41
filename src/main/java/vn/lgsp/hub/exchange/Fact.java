package vn.lgsp.hub.exchange;

/**
 * A typed key for something a stage establishes about an exchange (who calls, where it goes,
 * under which grant). Compared by identity: declare each one once, as a constant, beside the
 * stage that establishes it.
 */
public record Fact<T>(String name, Class<T> type) {

    public static <T> Fact<T> of(String name, Class<T> type) {
        return new Fact<>(name, type);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
