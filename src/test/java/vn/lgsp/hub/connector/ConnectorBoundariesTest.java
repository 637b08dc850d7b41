package vn.lgsp.hub.connector;

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
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Connectors are plug-ins: they may use the SPI and a small set of libraries, never the hub's
 * internals, so the hub can change behind the SPI without breaking them (see
 * docs/writing-a-connector.md). Only main classes are checked; tests may use shared fixtures.
 *
 * <p>Plain Jupiter tests calling {@code rule.check} rather than {@code @ArchTest} fields:
 * Surefire's {@code -Dtest=...} filter silently drops ArchUnit-engine tests (it filters on
 * method sources), so a single-class run would report 0 tests and pass.
 */
class ConnectorBoundariesTest {

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
}
