package vn.lgsp.hub.exchange;

/** The facts every road needs: who calls, and where the call goes. Capabilities declare their own beside their stages. */
public final class Facts {

    /** The calling system's code, established by the consumer stage (or by the road, for a push). */
    public static final Fact<String> CONSUMER = Fact.of("consumer", String.class);

    /** The provider, service and endpoint, established by the resolve stage (or by the road, for a push). */
    public static final Fact<Route> ROUTE = Fact.of("route", Route.class);

    /**
     * The provider and service the call asked for, when a stage looked them up rather than the
     * road reading them from the URL; the resolve stage routes by it.
     */
    public static final Fact<Address> ADDRESS = Fact.of("address", Address.class);

    /** Which client convention the call came in by (a compatibility profile), for the ledger; absent for the hub's own API. */
    public static final Fact<String> CLIENT_PROFILE = Fact.of("client-profile", String.class);

    private Facts() {
    }
}
