package vn.lgsp.hub.connection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.registry.DataClassification;
import vn.lgsp.hub.registry.Endpoint;
import vn.lgsp.hub.registry.EndpointRepository;
import vn.lgsp.hub.registry.InformationSystem;
import vn.lgsp.hub.registry.RegistryEvents;
import vn.lgsp.hub.registry.Scope;
import vn.lgsp.hub.registry.ServiceInput;
import vn.lgsp.hub.registry.ServiceKind;
import vn.lgsp.hub.registry.ServiceRepository;
import vn.lgsp.hub.registry.ServiceStatus;
import vn.lgsp.hub.registry.SystemInput;
import vn.lgsp.hub.registry.SystemRepository;
import vn.lgsp.hub.registry.SystemStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo data set of the one-command run: an in-process stub provider on a free loopback port
 * answers every demo endpoint, and each catalogue entry gets a demo system ({@code demo-c01},
 * ...) that is active, publishes a service and is probed, so the report shows 35 of 36 connected
 * a minute after start, as the province reported. EVN's entry (C24) is registered but awaits
 * approval and has no endpoint, so it stays not connected. Idempotent: a second start only
 * points the existing demo endpoints at the new stub port; an entry linked to a real (non-demo)
 * system is left alone.
 */
@ApplicationScoped
public class DemoData {

    /** The demo issuer\'s owner organisation, so the demo owner can see the demo systems. */
    static final String DEMO_ORG = "demo-org";

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String PREFIX = "demo-";
    /** The entry the province reported as not connected yet. */
    static final String NOT_CONNECTED = "C24";

    private record Entry(String id, String scope, String nameVi, String nameEn, String owner, String linked) {
    }

    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    EndpointRepository endpoints;
    @Inject
    ServiceRepository services;
    @Inject
    ProbeRepository probes;
    @Inject
    RegistryEvents events;
    @Inject
    DemoConfig demo;

    private Vertx stubVertx;

    /** After the catalogue is loaded (its loader observes start-up at the default priority). */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (!demo.enabled() || !demo.embeddedRun()) {
            return;
        }
        startStub().flatMap(this::seed).subscribe().with(
                created -> LOG.infof("Demo data set ready: %d demo systems created; the connection report fills within a minute "
                        + "(GET /api/v1/reports/connections.html). Opt out with lgsp.demo.enabled=false", created),
                failure -> LOG.warnf("Demo data set not loaded: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (stubVertx != null) {
            stubVertx.close();
        }
    }

    private Uni<Integer> startStub() {
        // A Vert.x of its own: the stub stands in for remote systems, so it must not share the
        // hub's event loops or show up in the hub's HTTP server metrics.
        stubVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpServer server = stubVertx.createHttpServer().requestHandler(request -> request.response()
                .putHeader("Content-Type", "application/json").end("{\"status\":\"UP\",\"demo\":true}"));
        int port = FreePort.find();
        return Uni.createFrom().completionStage(() -> server.listen(port, "127.0.0.1").toCompletionStage())
                .map(HttpServer::actualPort);
    }

    /** Registers what is missing and re-points existing demo endpoints at {@code port}; returns how many systems it created. */
    public Uni<Integer> seed(int port) {
        return pool.query("SELECT c.id, c.scope, c.name_vi, c.name_en, c.owner_vi, s.code AS linked FROM catalogue_entry c "
                        + "LEFT JOIN information_system s ON s.catalogue_id = c.id ORDER BY c.position").execute()
                .flatMap(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new Entry(row.getString("id"), row.getString("scope"), row.getString("name_vi"),
                                row.getString("name_en"), row.getString("owner_vi"), row.getString("linked")));
                    }
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Entry entry : entries) {
                        chain = chain.flatMap(created -> pool.withTransaction(tx -> one(tx, entry, port)).map(n -> created + n));
                    }
                    return chain;
                })
                .invoke(created -> events.committed());
    }

    private Uni<Integer> one(SqlConnection tx, Entry entry, int port) {
        String address = "http://127.0.0.1:" + port + "/demo/" + entry.id().toLowerCase();
        if (entry.linked() != null) {
            if (!entry.linked().startsWith(PREFIX)) {
                return Uni.createFrom().item(0);
            }
            // The stub listens on a new port at every start.
            return tx.preparedQuery("UPDATE endpoint SET address = $2, version = version + 1, updated_at = now() WHERE system_id = "
                            + "(SELECT id FROM information_system WHERE code = $1) AND address <> $2")
                    .execute(Tuple.of(entry.linked(), address)).replaceWith(0);
        }
        String code = PREFIX + entry.id().toLowerCase();
        SystemInput input = new SystemInput(code, entry.nameVi(), entry.nameEn(), entry.owner() == null ? "LGSP demo" : entry.owner(),
                Scope.fromWire(entry.scope()), 2, null, "Demo data set of the embedded run: a stub standing in for the real system.",
                entry.id(), DEMO_ORG, null);
        return systems.insert(tx, input, DEMO_ORG, null)
                .call(system -> events.record(tx, "system.registered", code, system))
                .flatMap(system -> systems.changeStatus(tx, code, system.version(),
                        entry.id().equals(NOT_CONNECTED) ? SystemStatus.PENDING_APPROVAL : SystemStatus.ACTIVE))
                .call(system -> events.record(tx, "system.status_changed", code, system))
                .flatMap(system -> entry.id().equals(NOT_CONNECTED) ? Uni.createFrom().voidItem() : connect(tx, system, address))
                .replaceWith(1);
    }

    private Uni<Void> connect(SqlConnection tx, InformationSystem system, String address) {
        UUID endpointId = UUID.randomUUID();
        Endpoint endpoint = new Endpoint(endpointId, system.id(), "main", "http", address, 2000, 5000,
                new Endpoint.Tls(true, false, null, null, false),
                new Endpoint.Auth("none", null, null, null, null, null, null, false, null), Map.of(), 0, null, null);
        ServiceInput service = new ServiceInput("records", "1.0", "Tra cứu hồ sơ (demo)", null, "main", ServiceKind.REST, "GET",
                "/records/{id}", null, null, DataClassification.INTERNAL, null, null, null, null, Map.of());
        int interval = demo.probeIntervalSeconds();
        Duration first = Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, interval * 1000L)));
        return endpoints.save(tx, endpointId, system.id(), null, endpoint, null, false, null)
                .call(saved -> events.record(tx, "endpoint.added", system.code(), saved.endpoint()))
                .flatMap(saved -> services.insert(tx, system.id(), endpointId, service))
                .flatMap(created -> services.changeStatus(tx, created.id(), created.revision(), ServiceStatus.PUBLISHED))
                .call(published -> events.record(tx, "service.published", system.code(), published))
                .flatMap(published -> probes.save(tx, endpointId, new ProbeSettings("/health", interval, 2000), first))
                .replaceWithVoid();
    }
}
