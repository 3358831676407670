package io.appgraph;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the features apart and the shared platform free of them. */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.appgraph");

    @Test
    void platformKnowsNoFeature() {
        noClasses().that().resideInAPackage("io.appgraph.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.appgraph.catalog..", "io.appgraph.org..",
                        "io.appgraph.ownership..", "io.appgraph.dependencies..", "io.appgraph.releases..",
                        "io.appgraph.demo..", "io.appgraph.node..")
                .check(MAIN);
    }

    @Test
    void theDemoEstateTalksOnlyToTheDatabase() {
        noClasses().that().resideInAPackage("io.appgraph.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("io.appgraph.catalog..", "io.appgraph.org..",
                        "io.appgraph.ownership..", "io.appgraph.dependencies..", "io.appgraph.releases..")
                .check(MAIN);
        noClasses().that().resideOutsideOfPackage("io.appgraph.demo..")
                .should().dependOnClassesThat().resideInAPackage("io.appgraph.demo..")
                .check(MAIN);
    }

    @Test
    void controllersAreFeatureInternals() {
        classes().that().areAnnotatedWith(Controller.class).should().notBePublic().check(MAIN);
    }

    @Test
    void onlyThePlatformTalksToTheDriverSessionDirectly() {
        noClasses().that().resideOutsideOfPackages("io.appgraph.platform..", "io.appgraph.demo..")
                .should().callMethod(org.neo4j.driver.Driver.class, "session")
                .check(MAIN);
    }
}
