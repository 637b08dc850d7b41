package vn.lgsp.hub.exchange;

/** The facts every road needs: who calls, and where the call goes. Capabilities declare their own beside their stages. */
public final class Facts {

    /** The calling system's code, established by the consumer stage (or by the road, for a push). */
    public static final Fact<String> CONSUMER = Fact.of("consumer", String.class);

    /** The provider, service and endpoint, established by the resolve stage (or by the road, for a push). */
    public static final Fact<Route> ROUTE = Fact.of("route", Route.class);

    private Facts() {
    }
}
