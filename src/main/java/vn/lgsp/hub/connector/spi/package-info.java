/**
 * The connector SPI: the only hub code a connector may depend on.
 *
 * <p>A connector carries one data-sharing exchange from the hub to a provider's endpoint over
 * one protocol (HTTP, SOAP, Kafka, ...). Everything cross-cutting (grants, quotas, the ledger,
 * metrics, circuit breaking, limits) is done by the hub's pipeline around the connector, never
 * inside it. See {@code docs/writing-a-connector.md}.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>The hub discovers every {@link vn.lgsp.hub.connector.spi.ConnectorFactory} bean at start
 *       and indexes it by {@link vn.lgsp.hub.connector.spi.ConnectorFactory#type()}. Two
 *       factories for one type fail the start.</li>
 *   <li>When an endpoint is registered or changed, the hub calls
 *       {@link vn.lgsp.hub.connector.spi.ConnectorFactory#validate(EndpointSettings)} so the
 *       owner gets field errors before anything is stored.</li>
 *   <li>The first time an endpoint is used, the hub calls
 *       {@link vn.lgsp.hub.connector.spi.ConnectorFactory#create(EndpointSettings, ConnectorContext)}
 *       once and keeps the {@link vn.lgsp.hub.connector.spi.Connector} for as long as the endpoint's
 *       settings are unchanged. A connector may hold pools and caches (connections, tokens).</li>
 *   <li>When the endpoint's settings change or the endpoint is removed, and when the hub stops,
 *       the hub calls {@link vn.lgsp.hub.connector.spi.Connector#close()} exactly once; exchanges
 *       already started are allowed to finish.</li>
 * </ol>
 *
 * <h2>Threading</h2>
 * <ul>
 *   <li>{@code exchange} and {@code probe} are called on a Vert.x event-loop thread and must never
 *       block it: no blocking I/O, no locks held across I/O, no {@code Thread.sleep}, no
 *       {@code Future#await}. Use the {@link io.vertx.core.Vertx} from the context for I/O and
 *       timers, or {@code executeBlocking} for unavoidable blocking work.</li>
 *   <li>One connector instance is shared by every concurrent exchange to its endpoint and must be
 *       thread-safe.</li>
 *   <li>{@code create}, {@code validate} and {@code close} may be called on any thread.</li>
 *   <li>Every connection goes to an address obtained from
 *       {@link vn.lgsp.hub.connector.spi.Egress#resolve(String, int)} (the operator's egress
 *       policy), and to that address only.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * A connector returns the provider's answer, whatever its status, as a
 * {@link vn.lgsp.hub.connector.spi.ConnectorResponse}. It fails the future with a
 * {@link vn.lgsp.hub.connector.spi.ConnectorException} only when no answer could be had
 * (connection refused, timeout, TLS failure, unparseable reply); the hub maps that to a problem
 * response, counts it and feeds the circuit breaker.
 */
package vn.lgsp.hub.connector.spi;
