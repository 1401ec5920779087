package io.jnatsd;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's layer rules, kept true: lower layers never import higher ones; the connection kinds
 * ({@code client}, {@code cluster}, {@code gateway}, {@code leaf}) never import each other, they
 * meet in {@code dispatch} and {@code link}; {@code link} knows no kind; {@code server} does not
 * import {@code monitor}.
 */
class ArchitectureTest {
    private static final List<String> KINDS = List.of("client", "cluster", "gateway", "leaf");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jnatsd");
    }

    @Test
    void lowerLayersNeverImportHigherOnes() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("facade").definedBy("io.jnatsd")
                .layer("operations").definedBy("io.jnatsd.monitor..", "io.jnatsd.sys..")
                .layer("server").definedBy("io.jnatsd.server..")
                .layer("connections").definedBy("io.jnatsd.client..", "io.jnatsd.link..", "io.jnatsd.cluster..",
                        "io.jnatsd.gateway..", "io.jnatsd.leaf..")
                .layer("message path").definedBy("io.jnatsd.dispatch..", "io.jnatsd.transport..")
                .layer("model").definedBy("io.jnatsd.config..", "io.jnatsd.auth..")
                .layer("wire").definedBy("io.jnatsd.subject..", "io.jnatsd.protocol..", "io.jnatsd.compress..")
                .whereLayer("facade").mayNotBeAccessedByAnyLayer()
                .whereLayer("operations").mayOnlyBeAccessedByLayers("facade")
                .whereLayer("server").mayOnlyBeAccessedByLayers("operations", "facade")
                .whereLayer("connections").mayOnlyBeAccessedByLayers("server", "operations", "facade")
                .whereLayer("message path").mayOnlyBeAccessedByLayers("connections", "server", "operations", "facade")
                .whereLayer("model").mayOnlyBeAccessedByLayers("message path", "connections", "server", "operations",
                        "facade")
                .check(classes);
    }

    @Test
    void connectionKindsNeverImportEachOther() {
        for (String kind : KINDS) {
            String[] others = KINDS.stream().filter(k -> !k.equals(kind)).map(k -> "io.jnatsd." + k + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("io.jnatsd." + kind + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void theSharedLinkLayerKnowsNoConnectionKind() {
        noClasses().that().resideInAPackage("io.jnatsd.link..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        KINDS.stream().map(k -> "io.jnatsd." + k + "..").toArray(String[]::new))
                .check(classes);
    }

    @Test
    void theServerDoesNotImportMonitoring() {
        noClasses().that().resideInAPackage("io.jnatsd.server..")
                .should().dependOnClassesThat().resideInAPackage("io.jnatsd.monitor..")
                .check(classes);
    }
}
