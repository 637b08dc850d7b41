package vn.lgsp.hub.events;

import jakarta.annotation.security.RolesAllowed;
import vn.lgsp.hub.identity.Roles;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.access.CallerIdentification;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Road;
import vn.lgsp.hub.access.GrantCache;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.problem.TransactionIds;
import vn.lgsp.hub.registry.CredentialCipher;
import vn.lgsp.hub.registry.EndpointRepository;
import vn.lgsp.hub.registry.RegistryEvents;
import vn.lgsp.hub.registry.SystemRepository;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subscriptions of the calling system (the consumer), pulling their events, and their
 * dead-letter store. Subscribing needs an active access grant for the provider's event type (a
 * grant whose service code is the event type's name: the same request/approval flow as services).
 */
@RolesAllowed({Roles.INTEGRATOR, Roles.ADMIN})
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions", description = "Subscribe to a provider's events: push to an endpoint, or pull with a cursor")
public class SubscriptionResource {

    /** One pull: the events (CloudEvents JSON, as published) and where to pull next. */
    public record PullAnswer(List<PulledEvent> events, String cursor) {
    }

    public record PulledEvent(String id, int partition, long offset, @JsonRawValue String event) {
    }

    @Inject
    Pool pool;
    @Inject
    CallerIdentification callers;
    @Inject
    Subscriptions subscriptions;
    @Inject
    SystemRepository systems;
    @Inject
    EndpointRepository endpoints;
    @Inject
    EventTypes types;
    @Inject
    EventKafka kafka;
    @Inject
    GrantCache grants;
    @Inject
    CredentialCipher cipher;
    @Inject
    RegistryEvents events;
    @Inject
    DeliveryStore store;
    @Inject
    PushDelivery delivery;
    @Inject
    PullReader reader;
    @Inject
    EventExchanges exchanges;
    @Inject
    EventsConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe the calling system to a provider's event type (push or pull); push answers the signing secret once")
    public Uni<Response> create(SubscriptionInput input, @Context HttpServerRequest request) {
        if (input == null) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "a JSON body is required");
        }
        FieldChecks checks = new FieldChecks();
        input.check(checks);
        checks.throwIfAny();
        UUID id = UUID.randomUUID();
        String secret = input.mode() == SubscriptionMode.PUSH ? (input.secret() != null ? input.secret() : Signatures.newSecret()) : null;
        return OnContext.await(() -> callers.activeCaller(request)).flatMap(consumer -> {
            if (consumer.equals(input.providerSystem())) {
                throw ProblemException.field(ErrorCode.INVALID_FIELD, "providerSystem", "a system does not subscribe to its own events");
            }
            return OnContext.await(() -> types.resolve(input.providerSystem(), input.eventType(), null))
                    .onFailure(ProblemException.class).transform(f -> ProblemException.field(ErrorCode.EVENT_TYPE_NOT_FOUND, "eventType",
                            "the provider declares no such event type"))
                    .flatMap(type -> OnContext.await(() -> grants.find(consumer, input.providerSystem(), input.eventType()))
                            .map(grant -> {
                                if (grant == null) {
                                    throw ProblemException.field(ErrorCode.ACCESS_DENIED, "eventType",
                                            "the calling system holds no active grant for this event type");
                                }
                                return type;
                            }))
                    .flatMap(type -> OnContext.await(() -> kafka.endOffsets(type.type().topic()))
                            .onFailure().transform(f -> new ProblemException(ErrorCode.EVENTS_UNAVAILABLE, "Kafka is not reachable; retry later")))
                    .flatMap(start -> pool.withTransaction(tx -> systems.get(tx, consumer).flatMap(c -> systems.get(tx, input.providerSystem())
                            .flatMap(p -> pushEndpoint(tx, c.id(), input)
                                    .flatMap(ok -> subscriptions.insert(tx, id, c.id(), p.id(), input,
                                            secret == null ? null : cipher.encrypt(secret, id.toString()), Offsets.format(start))))
                            .flatMap(v -> subscriptions.find(tx, id))
                            .call(sub -> events.record(tx, "subscription.created", input.providerSystem(), sub)))))
                    .map(sub -> {
                        events.committed();
                        return Response.created(URI.create("/api/v1/subscriptions/" + id)).entity(sub.withSecret(secret)).build();
                    });
        });
    }

    private Uni<Boolean> pushEndpoint(io.vertx.mutiny.sqlclient.SqlConnection tx, UUID consumerId, SubscriptionInput input) {
        if (input.mode() != SubscriptionMode.PUSH) {
            return Uni.createFrom().item(true);
        }
        return endpoints.find(tx, consumerId, input.endpointCode()).map(record -> {
            if (record == null) {
                throw ProblemException.field(ErrorCode.UNKNOWN_ENDPOINT, "endpointCode", "the consumer system has no endpoint with this code");
            }
            if (!"http".equals(record.endpoint().connectorType())) {
                throw ProblemException.field(ErrorCode.INVALID_FIELD, "endpointCode", "events are pushed to an endpoint of connector type http");
            }
            return true;
        });
    }

    @GET
    @Operation(summary = "The calling system's active subscriptions")
    public Uni<List<Subscription>> list(@Context HttpServerRequest request) {
        return OnContext.await(() -> callers.activeCaller(request)).flatMap(consumer -> subscriptions.ofConsumer(pool, consumer));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one of the calling system's subscriptions")
    public Uni<Subscription> get(@PathParam("id") String id, @Context HttpServerRequest request) {
        UUID subscriptionId = uuid("id", id);
        return OnContext.await(() -> callers.activeCaller(request)).flatMap(consumer -> subscriptions.owned(pool, subscriptionId, consumer));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "End a subscription: deliveries stop on every instance within moments")
    public Uni<Response> delete(@PathParam("id") String id, @Context HttpServerRequest request) {
        UUID subscriptionId = uuid("id", id);
        return OnContext.await(() -> callers.activeCaller(request))
                .flatMap(consumer -> pool.withTransaction(tx -> subscriptions.owned(tx, subscriptionId, consumer)
                        .call(sub -> subscriptions.delete(tx, subscriptionId))
                        .call(sub -> events.record(tx, "subscription.deleted", sub.providerSystem(), sub))))
                .map(sub -> {
                    events.committed();
                    return Response.noContent().build();
                });
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "Pull events from the cursor (none: from the subscription's start), waiting up to wait (e.g. 30s) for one")
    public Uni<Response> pull(@PathParam("id") String id, @QueryParam("cursor") String cursor, @QueryParam("wait") String wait,
                              @QueryParam("limit") String limit, @Context HttpServerRequest request) {
        UUID subscriptionId = uuid("id", id);
        Duration waitFor = waitParam(wait);
        int max = limitParam(limit);
        String transactionId = TransactionIds.of(request);
        // What the subscription lookup learned, for the terminal that reads Kafka.
        Subscription[] sub = new Subscription[1];
        Map<Integer, Long>[] from = new Map[1];
        Exchange exchange = Exchange.on(Road.PULL, transactionId != null ? transactionId : TransactionIds.mint())
                .correlationId(TransactionIds.correlationOf(request))
                .inbound(request)
                .call("GET", request.path(), null)
                .routeSource(ex -> subscriptions.owned(pool, subscriptionId, ex.consumer()).map(owned -> {
                    if (owned.mode() != SubscriptionMode.PULL) {
                        throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "id", "this is a push subscription");
                    }
                    try {
                        from[0] = cursor == null || cursor.isBlank() ? Offsets.parse(owned.startOffsets()) : Offsets.fromCursor(cursor);
                    } catch (IllegalArgumentException e) {
                        throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "cursor", "not a cursor this hub gave");
                    }
                    sub[0] = owned;
                    return EventRoutes.pull(owned);
                }).subscribeAsCompletionStage())
                .terminal(ex -> Future.fromCompletionStage(reader.read(sub[0].topic(), from[0], waitFor, max), ex.context())
                        .recover(f -> Future.failedFuture(new ProblemException(ErrorCode.EVENTS_UNAVAILABLE, "Kafka is not reachable; retry later")))
                        .compose(batch -> (batch.events().isEmpty() ? Future.<Void>succeededFuture()
                                : Future.fromCompletionStage(store.pulled(sub[0], batch.events().stream().map(PullReader.PulledEvent::eventId)
                                        .toList()).subscribeAsCompletionStage(), ex.context()))
                                .map(v -> exchanges.json(ex, 200, new PullAnswer(batch.events().stream()
                                        .map(e -> new PulledEvent(e.eventId(), e.partition(), e.offset(), e.envelope())).toList(),
                                        Offsets.cursor(batch.next()))))))
                .build();
        return exchanges.answer(exchange);
    }

    @GET
    @Path("{id}/dead-letters")
    @Operation(summary = "Events the subscriber kept refusing (not yet replayed; all=true for every one)")
    public Uni<List<DeadLetter>> deadLetters(@PathParam("id") String id, @QueryParam("all") boolean all,
                                             @Context HttpServerRequest request) {
        UUID subscriptionId = uuid("id", id);
        return OnContext.await(() -> callers.activeCaller(request))
                .flatMap(consumer -> subscriptions.owned(pool, subscriptionId, consumer))
                .flatMap(sub -> store.deadLetters(pool, sub.id(), all));
    }

    @POST
    @Path("{id}/dead-letters/{deadLetterId}/replay")
    @Operation(summary = "Push a dead-lettered event again now; 200 when the subscriber accepted it, 502 replay-failed otherwise")
    public Uni<DeadLetter> replay(@PathParam("id") String id, @PathParam("deadLetterId") String deadLetterId,
                                  @Context HttpServerRequest request) {
        UUID subscriptionId = uuid("id", id);
        UUID letterId = uuid("deadLetterId", deadLetterId);
        return OnContext.await(() -> callers.activeCaller(request))
                .flatMap(consumer -> subscriptions.owned(pool, subscriptionId, consumer))
                .flatMap(sub -> store.deadLetter(pool, sub.id(), letterId).flatMap(letter -> {
                    PushDelivery.Item item = new PushDelivery.Item(letter.eventId(), letter.key(), letter.topic(), letter.partition(),
                            letter.offset(), letter.event(), null);
                    return delivery.attempt(sub, item, letter.attempts() + letter.replayCount() + 1,
                            // A failed replay is an attempt too: counted, and the event stays dead-lettered.
                            a -> a.outcome() == PushDelivery.Outcome.DELIVERED ? "replayed" : "dead_lettered").flatMap(attempt -> {
                        if (attempt.outcome() == PushDelivery.Outcome.DELIVERED) {
                            return store.replayed(letter.id());
                        }
                        return store.replayFailed(letter.id(), attempt.status(), attempt.error())
                                .map(v -> {
                                    throw new ProblemException(ErrorCode.REPLAY_FAILED, "the subscriber did not accept the event ("
                                            + (attempt.status() == null ? "not reached" : "status " + attempt.status()) + ")");
                                });
                    });
                }));
    }

    private Duration waitParam(String wait) {
        if (wait == null || wait.isBlank()) {
            return Duration.ZERO;
        }
        Duration parsed;
        try {
            String w = wait.trim().toLowerCase();
            if (w.endsWith("ms")) {
                parsed = Duration.ofMillis(Long.parseLong(w.substring(0, w.length() - 2)));
            } else if (w.endsWith("s")) {
                parsed = Duration.ofSeconds(Long.parseLong(w.substring(0, w.length() - 1)));
            } else {
                parsed = Duration.ofSeconds(Long.parseLong(w));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "wait", "wait is a duration like 30s or 500ms");
        }
        if (parsed.isNegative() || parsed.compareTo(config.maxPullWait()) > 0) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "wait", "wait must be between 0 and " + config.maxPullWait().toSeconds() + "s");
        }
        return parsed;
    }

    private int limitParam(String limit) {
        if (limit == null || limit.isBlank()) {
            return config.maxPullEvents();
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= config.maxPullEvents()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "limit", "limit must be between 1 and " + config.maxPullEvents());
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " is a UUID");
        }
    }

}
