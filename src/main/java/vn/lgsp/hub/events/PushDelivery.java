package vn.lgsp.hub.events;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.support.http.BufferReadStream;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.ExchangeFailures;
import vn.lgsp.hub.exchange.ExchangePipeline;
import vn.lgsp.hub.exchange.Road;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.problem.TransactionIds;
import vn.lgsp.hub.registry.Endpoint;
import vn.lgsp.hub.registry.CredentialCipher;
import vn.lgsp.hub.registry.EndpointRecord;
import vn.lgsp.hub.registry.EndpointRepository;
import vn.lgsp.hub.registry.RegistryCache;
import vn.lgsp.hub.registry.RegistryChanges;
import vn.lgsp.hub.registry.SystemRepository;
import vn.lgsp.hub.routing.LiveConnectors;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Pushes one event to a subscriber until it is delivered or dead-lettered, asynchronously on a
 * Vert.x context (never blocking it): sign, POST through the exchange pipeline to the consumer's
 * registered endpoint (which records it in the ledger), record the delivery status, then decide.
 *
 * <ul>
 *   <li>2xx: delivered.</li>
 *   <li>The subscriber is unavailable (connection refused, timeout, TLS failure, 429, 503; or
 *       no active grant, no endpoint): retried for as long as it takes, with exponential back-off
 *       and jitter capped at {@code lgsp.events.max-backoff}. Later events of the same partition
 *       wait, so a consumer that is down for a day gets everything, in order, when it returns
 *       (as long as Kafka retains the events).</li>
 *   <li>Any other answer (400, 422, 500, ...) is a refusal of this event: retried with back-off
 *       up to the subscription's {@code maxAttempts} (default {@code lgsp.events.max-attempts}),
 *       then the event goes to the dead-letter store and the partition moves on.</li>
 *   <li>An event over {@code lgsp.events.max-push-bytes} is dead-lettered at once.</li>
 * </ul>
 */
@ApplicationScoped
public class PushDelivery {

    private static final Logger LOG = Logger.getLogger(PushDelivery.class);

    /** One event read from Kafka. */
    public record Item(String eventId, String key, String topic, int partition, long offset, String payload, String version) {
    }

    /** DELIVERED: 2xx. REFUSED: the subscriber said no (retried up to maxAttempts). UNAVAILABLE: retried for as long as it takes. REJECTED: never deliverable (dead-lettered at once). */
    enum Outcome { DELIVERED, REFUSED, UNAVAILABLE, REJECTED }

    record Attempt(Outcome outcome, Integer status, String error) {
    }

    /** Where a subscription's events go, resolved from the registry and kept until it changes. */
    private record Target(Endpoint endpoint, Connector connector, byte[] secret) {
    }

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    EventsConfig config;
    @Inject
    SystemRepository systems;
    @Inject
    EndpointRepository endpoints;
    @Inject
    CredentialCipher cipher;
    @Inject
    LiveConnectors connectors;
    @Inject
    ExchangePipeline pipeline;
    @Inject
    RegistryChanges changes;
    @Inject
    DeliveryStore store;

    /** One entry per subscription; a null target (endpoint gone, secret unreadable) is kept as briefly as any other. */
    static final int MAX_CACHED_TARGETS = 10_000;

    private RegistryCache<UUID, Target> targets;

    @PostConstruct
    void init() {
        targets = changes.cache(MAX_CACHED_TARGETS);
    }

    /**
     * Delivers on {@code context} until delivered or dead-lettered; the future never fails. Stops
     * early (uncompleted work is left to Kafka's redelivery) once {@code active} turns false.
     */
    public io.vertx.core.Future<Void> deliver(Context context, Subscription sub, Item item, BooleanSupplier active) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> attemptLoop(sub, item, 1, 0, active, done));
        return done.future();
    }

    private void attemptLoop(Subscription sub, Item item, int attemptNo, int refusals, BooleanSupplier active, Promise<Void> done) {
        if (!active.getAsBoolean()) {
            done.tryComplete();
            return;
        }
        int maxAttempts = sub.maxAttempts() != null ? sub.maxAttempts() : config.maxAttempts();
        Function<Attempt, String> statusOf = a -> switch (a.outcome()) {
            case DELIVERED -> "delivered";
            case REFUSED -> refusals + 1 >= maxAttempts ? "dead_lettered" : "retrying";
            case REJECTED -> "dead_lettered";
            case UNAVAILABLE -> "retrying";
        };
        attempt(sub, item, attemptNo, statusOf).flatMap(a -> {
            int refused = refusals + (a.outcome() == Outcome.REFUSED ? 1 : 0);
            String status = statusOf.apply(a);
            Uni<Void> stored = "dead_lettered".equals(status)
                    ? store.deadLetter(sub, item, attemptNo, a.status(), a.error()) : Uni.createFrom().voidItem();
            return stored.map(v -> new int[] {"retrying".equals(status) ? refused : -1});
        }).subscribe().with(next -> {
            if (next[0] < 0) {
                done.tryComplete();
            } else {
                retryLater(sub, item, attemptNo, next[0], active, done);
            }
        }, failure -> {
            // The hub's own storage failed: nothing is lost (the offset is not committed); try again.
            LOG.warnf("delivery of %s to subscription %s could not be recorded: %s", item.eventId(), sub.id(), failure.toString());
            retryLater(sub, item, attemptNo, refusals, active, done);
        });
    }

    private void retryLater(Subscription sub, Item item, int attemptNo, int refusals, BooleanSupplier active, Promise<Void> done) {
        vertx.setTimer(backoff(attemptNo).toMillis(), t -> attemptLoop(sub, item, attemptNo + 1, refusals, active, done));
    }

    /** Exponential back-off with jitter: half the doubled delay plus a random part of the other half. */
    Duration backoff(int attemptNo) {
        long initial = Math.max(1, config.initialBackoff().toMillis());
        long max = Math.max(initial, config.maxBackoff().toMillis());
        long delay = attemptNo >= 40 ? max : Math.min(max, initial << Math.min(attemptNo - 1, 30));
        long half = Math.max(1, delay / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /**
     * One push, through the exchange pipeline on the {@link Road#PUSH} road (grant, bulkhead,
     * breaker, limits, ledger and metrics as for a sharing call): never fails for the
     * subscriber's reasons (those are outcomes), only when the hub cannot record it. The delivery
     * status ({@code statusOf}; null: not stored) is written before it completes.
     */
    Uni<Attempt> attempt(Subscription sub, Item item, int attemptNo, Function<Attempt, String> statusOf) {
        return Uni.createFrom().completionStage(() -> target(sub))
                .flatMap(target -> target == null
                        ? Uni.createFrom().item(new Attempt(Outcome.UNAVAILABLE, null, "the push endpoint is not registered"))
                        : push(sub, item, attemptNo, target))
                .call(a -> {
                    String status = statusOf.apply(a);
                    return status == null ? Uni.createFrom().voidItem() : store.attempt(sub, item.eventId(), status, a.status(), a.error());
                });
    }

    private Uni<Attempt> push(Subscription sub, Item item, int attemptNo, Target target) {
        String transactionId = TransactionIds.mint();
        byte[] body = item.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/cloudevents+json; charset=utf-8")
                .add("X-LGSP-Event-Id", item.eventId())
                .add("X-LGSP-Event-Type", sub.eventType())
                .add("X-LGSP-Provider", sub.providerSystem())
                .add("X-LGSP-Subscription-Id", sub.id().toString())
                .add("X-LGSP-Delivery-Attempt", Integer.toString(attemptNo))
                .add("X-LGSP-Timestamp", Long.toString(timestamp))
                .add("X-LGSP-Signature", Signatures.sign(target.secret(), timestamp, body));
        Context current = Vertx.currentContext();
        Context context = current != null ? current : vertx.getOrCreateContext();
        Exchange exchange = Exchange.on(Road.PUSH, transactionId)
                .context(context)
                .consumer(sub.consumerSystem())
                .route(EventRoutes.push(sub, item.version(), config.maxPushBytes(), target.endpoint(), target.connector()))
                .call("POST", sub.path() == null ? "/" : sub.path(), null)
                .target(sub.providerSystem(), sub.eventType(), item.version())
                .forwardHeaders(headers)
                .body(new BufferReadStream(context, Buffer.buffer(body)), body.length)
                .build();
        Promise<Attempt> outcome = Promise.promise();
        context.runOnContext(v -> pipeline.run(exchange).onComplete(result -> {
            if (result.succeeded()) {
                ConnectorResponse response = result.result();
                drain(response).onComplete(read -> {
                    exchange.completed(read.succeeded(), read.succeeded() ? read.result() : 0);
                    outcome.complete(answered(response.status()));
                });
                return;
            }
            exchange.completed(false, 0);
            Throwable cause = result.cause();
            ProblemException problem = ExchangeFailures.toProblem(cause, transactionId);
            if (problem.error() == ErrorCode.LEDGER_UNAVAILABLE) {
                outcome.fail(problem);
            } else {
                outcome.complete(notDelivered(cause, problem));
            }
        }));
        return Uni.createFrom().completionStage(outcome.future().toCompletionStage());
    }

    private static Attempt answered(int status) {
        Outcome o = status >= 200 && status < 300 ? Outcome.DELIVERED
                : status == 429 || status == 503 ? Outcome.UNAVAILABLE : Outcome.REFUSED;
        return new Attempt(o, status, o == Outcome.DELIVERED ? null : "the subscriber answered " + status);
    }

    /** Why a push did not reach the subscriber: only an event too large for the push road is never worth retrying. */
    private static Attempt notDelivered(Throwable cause, ProblemException problem) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectorException ce) {
            return new Attempt(Outcome.UNAVAILABLE, ce.kind() == ConnectorException.Kind.TIMEOUT ? 504 : 502,
                    ce.kind().name().toLowerCase() + ": " + ce.getMessage());
        }
        return switch (problem.error()) {
            case REQUEST_TOO_LARGE -> new Attempt(Outcome.REJECTED, problem.error().status(),
                    "the event is larger than the push limit (lgsp.events.max-push-bytes): " + problem.getMessage());
            case ACCESS_DENIED -> new Attempt(Outcome.UNAVAILABLE, null, "the subscription's access grant is not active");
            case CONSUMER_NOT_ACTIVE -> new Attempt(Outcome.UNAVAILABLE, null, "the subscribing system is not active");
            case CIRCUIT_OPEN -> new Attempt(Outcome.UNAVAILABLE, problem.error().status(),
                    "the subscriber's endpoint keeps failing: its circuit breaker is open");
            default -> new Attempt(Outcome.UNAVAILABLE, problem.error().status(), problem.error().code() + ": " + problem.getMessage());
        };
    }

    /** Reads and drops the subscriber's answer (only its status matters), so the connection is reused. */
    private static io.vertx.core.Future<Long> drain(ConnectorResponse response) {
        Promise<Long> read = Promise.promise();
        long[] bytes = {0};
        response.body().exceptionHandler(read::tryFail).handler(b -> bytes[0] += b.length())
                .endHandler(v -> read.tryComplete(bytes[0]));
        response.body().resume();
        return read.future().recover(e -> io.vertx.core.Future.succeededFuture(bytes[0]));
    }

    private CompletableFuture<Target> target(Subscription sub) {
        return targets.get(sub.id(), () -> systems.find(pool, sub.consumerSystem())
                .flatMap(system -> system == null ? Uni.createFrom().<EndpointRecord>nullItem() : endpoints.find(pool, system.id(), sub.endpointCode()))
                .map(record -> {
                    if (record == null) {
                        return null;
                    }
                    try {
                        return new Target(record.endpoint(), connectors.of(record),
                                cipher.decrypt(sub.secretCiphertext(), sub.id().toString()).getBytes(StandardCharsets.UTF_8));
                    } catch (RuntimeException e) {
                        LOG.warnf("push target of subscription %s unusable: %s", sub.id(), e.getMessage());
                        return null;
                    }
                }));
    }
}
