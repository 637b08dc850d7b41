package vn.lgsp.hub.connector.support.http;

/** One header that authenticates the hub to a provider. {@link #toString()} hides the value. */
public record AuthHeader(String name, String value) {

    @Override
    public String toString() {
        return "AuthHeader[" + name + "=***]";
    }
}
