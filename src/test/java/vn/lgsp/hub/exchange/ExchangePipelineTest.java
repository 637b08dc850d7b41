package vn.lgsp.hub.exchange;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.testing.ExchangeFixtures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExchangePipelineTest {

    /** The documented order (docs/architecture.md): changing it is a decision, not an accident. */
    @Test
    void theStageOrderIsTheDocumentedOne() {
        assertEquals(List.of("CONSUMER", "COMPAT", "BULKHEAD", "RESOLVE", "METRICS", "LEDGER", "MESSAGE_LOG", "WSDL", "ACCESS", "QUOTA", "BREAKER", "LIMITS", "REQUEST_RECORD", "RETRY"),
                Arrays.stream(StageId.values()).map(Enum::name).toList());
        assertEquals(Set.of(Road.SHARING), StageId.WSDL.roads());
        assertEquals(Set.of(Road.SHARING), StageId.COMPAT.roads(), "client conventions arrive only with a caller of the sharing API");
        assertEquals(Set.of(Road.SHARING, Road.PUSH, Road.PULL), StageId.ACCESS.roads(), "a provider publishes its own events without a grant");
        assertEquals(Set.of(Road.SHARING, Road.PUSH), StageId.BREAKER.roads(), "only roads with an endpoint have a breaker");
        assertEquals(Set.of(Road.SHARING, Road.PUSH), StageId.REQUEST_RECORD.roads(), "every road that reaches a provider's endpoint fails closed");
        for (Road road : Road.values()) {
            for (StageId always : List.of(StageId.CONSUMER, StageId.RESOLVE, StageId.METRICS, StageId.LEDGER, StageId.MESSAGE_LOG)) {
                assertTrue(always.appliesTo(road), always + " on every road, " + road + " too");
            }
        }
    }

    @Test
    void eachRoadRunsItsStagesInOrderThenItsTerminal() {
        List<String> ran = new ArrayList<>();
        ExchangePipeline pipeline = new ExchangePipeline(recordingStages(ran));
        Exchange push = Exchange.on(Road.PUSH, "tx-push").call("POST", "/", null).consumer("cons")
                .terminal(ex -> {
                    ran.add("terminal");
                    return Future.succeededFuture(ExchangeFixtures.answer(204));
                }).build();

        ConnectorResponse answer = pipeline.run(push).result();

        assertEquals(204, answer.status());
        assertEquals(List.of("CONSUMER", "BULKHEAD", "RESOLVE", "METRICS", "LEDGER", "MESSAGE_LOG", "ACCESS", "BREAKER", "LIMITS", "REQUEST_RECORD", "terminal"), ran);
        assertEquals(List.of("CONSUMER", "BULKHEAD", "RESOLVE", "METRICS", "LEDGER", "MESSAGE_LOG"),
                pipeline.describe(Road.PUBLISH).stream().map(d -> d.split(" ")[0]).toList());
    }

    @Test
    void aStageThatRefusesStopsTheRoadBeforeTheProvider() {
        List<String> ran = new ArrayList<>();
        List<Stage> stages = new ArrayList<>(recordingStages(ran));
        stages.set(StageId.ACCESS.ordinal(), stage(StageId.ACCESS, (exchange, next) -> Future.failedFuture(new IllegalStateException("no"))));
        Exchange exchange = Exchange.on(Road.PULL, "tx").call("GET", "/", null).consumer("c")
                .terminal(ex -> {
                    ran.add("terminal");
                    return Future.succeededFuture(ExchangeFixtures.answer(200));
                }).build();

        assertTrue(new ExchangePipeline(stages).run(exchange).failed());
        assertEquals(List.of("CONSUMER", "BULKHEAD", "RESOLVE", "METRICS", "LEDGER", "MESSAGE_LOG"), ran);
    }

    @Test
    void everyStageIdNeedsExactlyOneStage() {
        List<Stage> missing = new ArrayList<>(recordingStages(new ArrayList<>()));
        missing.remove(StageId.QUOTA.ordinal());
        assertTrue(assertThrows(IllegalStateException.class, () -> new ExchangePipeline(missing)).getMessage().contains("QUOTA"));
        List<Stage> twice = new ArrayList<>(recordingStages(new ArrayList<>()));
        twice.add(stage(StageId.LEDGER, (exchange, next) -> next.proceed(exchange)));
        assertTrue(assertThrows(IllegalStateException.class, () -> new ExchangePipeline(twice)).getMessage().contains("LEDGER"));
    }

    @Test
    void factsAreSetOnceAndNeverReadBeforeTheyAreEstablished() {
        Exchange exchange = Exchange.on(Road.SHARING, "tx").call("GET", "/", null).build();
        IllegalStateException early = assertThrows(IllegalStateException.class, exchange::route);
        assertTrue(early.getMessage().contains("route"), early.getMessage());
        exchange.establish(Facts.CONSUMER, "a");
        assertThrows(IllegalStateException.class, () -> exchange.establish(Facts.CONSUMER, "b"));
        assertEquals("a", exchange.consumer());
    }

    @Test
    void completionListenersRunOnceEvenWhenAddedLate() {
        Exchange exchange = Exchange.on(Road.SHARING, "tx").call("GET", "/", null).build();
        List<Long> seen = new ArrayList<>();
        exchange.onCompletion(done -> seen.add(done.responseBytes()));
        exchange.completed(true, 42);
        exchange.completed(false, 7);
        exchange.onCompletion(done -> seen.add(done.responseBytes()));
        assertEquals(List.of(42L, 42L), seen);
    }

    private static List<Stage> recordingStages(List<String> ran) {
        List<Stage> stages = new ArrayList<>();
        for (StageId id : StageId.values()) {
            stages.add(stage(id, (exchange, next) -> {
                ran.add(id.name());
                return next.proceed(exchange);
            }));
        }
        return stages;
    }

    private interface Body {
        Future<ConnectorResponse> apply(Exchange exchange, Stage.Chain next);
    }

    private static Stage stage(StageId id, Body body) {
        return new Stage() {
            @Override
            public StageId id() {
                return id;
            }

            @Override
            public Future<ConnectorResponse> apply(Exchange exchange, Chain next) {
                return body.apply(exchange, next);
            }
        };
    }
}
