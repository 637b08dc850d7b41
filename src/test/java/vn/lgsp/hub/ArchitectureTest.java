package vn.lgsp.hub;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of docs/architecture.md, checked on every build. Connectors are plug-ins: they may
 * use the SPI, its support packages and a small set of libraries, never the hub's internals, so
 * the hub can change behind the SPI without breaking them (see docs/writing-a-connector.md).
 * Capabilities depend on the exchange contract, never on the sharing road; nothing depends on the
 * console, and the console calls the services, never another package's JAX-RS resource; packages
 * form no cycle. Only main classes are checked; tests may use shared fixtures.
 *
 * <p>Plain Jupiter tests calling {@code rule.check} rather than {@code @ArchTest} fields:
 * Surefire's {@code -Dtest=...} filter silently drops ArchUnit-engine tests (it filters on
 * method sources), so a single-class run would report 0 tests and pass.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("vn.lgsp.hub");
    }

    private static final ArchRule CONNECTORS_USE_ONLY_THE_SPI = classes()
            .that().resideInAPackage("vn.lgsp.hub.connectors..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "vn.lgsp.hub.connectors..",
                    "vn.lgsp.hub.connector.spi..",
                    "vn.lgsp.hub.connector.support..",
                    "java..",
                    "javax..",
                    "io.vertx.core..",
                    "io.netty..",
                    "com.fasterxml.jackson..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "org.jboss.logging..",
                    // a protocol's own client library is the connector's business (kafka-clients for the Kafka connector)
                    "org.apache.kafka..")
            .because("a connector is written against the SPI only (connector/spi/package-info.java)");

    /** Each connector stands alone: sharing code between them would have to go through the SPI. */
    private static final ArchRule CONNECTORS_ARE_INDEPENDENT = slices()
            .matching("vn.lgsp.hub.connectors.(*)..")
            .should().notDependOnEachOther();

    private static final ArchRule SPI_STANDS_ALONE = noClasses()
            .that().resideInAPackage("vn.lgsp.hub.connector.spi..")
            .should().dependOnClassesThat(resideInAPackage("vn.lgsp.hub..")
                    .and(resideOutsideOfPackage("vn.lgsp.hub.connector.spi..")))
            .because("connectors compile against the SPI alone; it must not drag the hub in");

    /** Protocol helpers (HTTP clients, TLS material, bounded bodies) are a support library beside the SPI, not part of it. */
    private static final ArchRule SUPPORT_USES_ONLY_THE_SPI = noClasses()
            .that().resideInAPackage("vn.lgsp.hub.connector.support..")
            .should().dependOnClassesThat(resideInAPackage("vn.lgsp.hub..")
                    .and(resideOutsideOfPackage("vn.lgsp.hub.connector.spi.."))
                    .and(resideOutsideOfPackage("vn.lgsp.hub.connector.support..")));

    private static final ArchRule REGISTRY_KNOWS_NO_ROAD = noClasses()
            .that().resideInAPackage("vn.lgsp.hub.registry..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.lgsp.hub.routing..", "vn.lgsp.hub.ledger..", "vn.lgsp.hub.events..",
                    "vn.lgsp.hub.exchange..", "vn.lgsp.hub.sharing..")
            .because("the registry is what the roads read; it does not know them");

    private static final ArchRule LEDGER_SEES_ONLY_THE_EXCHANGE = noClasses()
            .that().resideInAPackage("vn.lgsp.hub.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.lgsp.hub.sharing..", "vn.lgsp.hub.connectors..",
                    "vn.lgsp.hub.connector", "vn.lgsp.hub.connector.support..", "vn.lgsp.hub.events..", "vn.lgsp.hub.routing..")
            .because("the ledger records exchanges on every road through the exchange contract alone");

    /** Stages live with their capability and speak the exchange contract; only the sharing road itself lives in sharing/. */
    private static final ArchRule NOTHING_DEPENDS_ON_THE_SHARING_ROAD = noClasses()
            .that().resideOutsideOfPackage("vn.lgsp.hub.sharing..")
            .should().dependOnClassesThat().resideInAPackage("vn.lgsp.hub.sharing..");

    private static final ArchRule THE_EXCHANGE_CONTRACT_STANDS_BELOW_ITS_STAGES = noClasses()
            .that().resideInAPackage("vn.lgsp.hub.exchange..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.lgsp.hub.access..", "vn.lgsp.hub.ledger..", "vn.lgsp.hub.resilience..",
                    "vn.lgsp.hub.routing..", "vn.lgsp.hub.sharing..", "vn.lgsp.hub.events..", "vn.lgsp.hub.connectors..");

    private static final ArchRule NOTHING_DEPENDS_ON_THE_CONSOLE = noClasses()
            .that().resideOutsideOfPackage("vn.lgsp.hub.console..")
            .should().dependOnClassesThat().resideInAPackage("vn.lgsp.hub.console..")
            .because("the console is a client of the services, like the API");

    /** Resources are the API's HTTP mapping; the console goes to the services behind them, as the API does. */
    private static final ArchRule THE_CONSOLE_CALLS_SERVICES_NOT_RESOURCES = noClasses()
            .that().resideInAPackage("vn.lgsp.hub.console..")
            .should().dependOnClassesThat(simpleNameEndingWith("Resource")
                    .and(resideInAPackage("vn.lgsp.hub.."))
                    .and(resideOutsideOfPackage("vn.lgsp.hub.console..")))
            .because("a JAX-RS resource is HTTP mapping over a service; the console is another client of that service");

    private static final ArchRule NO_CYCLES = slices()
            .matching("vn.lgsp.hub.(*)..")
            .should().beFreeOfCycles();

    /** The hub talks to PostgreSQL through the reactive client; JDBC is for Flyway's migrations and the embedded server only. */
    private static final ArchRule NO_JDBC = noClasses()
            .that().resideOutsideOfPackage("vn.lgsp.hub.embedded..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..");

    /** Event loops must never block, and sleeping is never the right way to wait in a reactive hub. */
    private static final ArchRule NOTHING_SLEEPS = noClasses()
            .that().resideInAPackage("vn.lgsp.hub..")
            .should().callMethodWhere(describe("Thread#sleep",
                    (JavaCall<?> call) -> call.getTargetOwner().isEquivalentTo(Thread.class)
                            && call.getTarget().getName().equals("sleep")))
            .because("use Vert.x timers (vertx.setTimer) instead");

    @Test
    void connectorsUseOnlyTheSpiAndAllowedLibraries() {
        CONNECTORS_USE_ONLY_THE_SPI.check(main);
    }

    @Test
    void connectorsDoNotDependOnEachOther() {
        CONNECTORS_ARE_INDEPENDENT.check(main);
    }

    @Test
    void spiDependsOnNoOtherHubPackage() {
        SPI_STANDS_ALONE.check(main);
    }

    @Test
    void nothingSleeps() {
        NOTHING_SLEEPS.check(main);
    }

    @Test
    void protocolSupportDependsOnlyOnTheSpi() {
        SUPPORT_USES_ONLY_THE_SPI.check(main);
    }

    @Test
    void registryImportsNoRoad() {
        REGISTRY_KNOWS_NO_ROAD.check(main);
    }

    @Test
    void ledgerSeesOnlyTheExchangeContract() {
        LEDGER_SEES_ONLY_THE_EXCHANGE.check(main);
    }

    @Test
    void nothingDependsOnTheSharingRoad() {
        NOTHING_DEPENDS_ON_THE_SHARING_ROAD.check(main);
    }

    @Test
    void theExchangeContractDependsOnNoStage() {
        THE_EXCHANGE_CONTRACT_STANDS_BELOW_ITS_STAGES.check(main);
    }

    @Test
    void nothingDependsOnTheConsole() {
        NOTHING_DEPENDS_ON_THE_CONSOLE.check(main);
    }

    @Test
    void theConsoleCallsServicesNotResources() {
        THE_CONSOLE_CALLS_SERVICES_NOT_RESOURCES.check(main);
    }

    @Test
    void packagesFormNoCycle() {
        NO_CYCLES.check(main);
    }

    @Test
    void noJdbcOutsideTheEmbeddedServers() {
        NO_JDBC.check(main);
    }
}
