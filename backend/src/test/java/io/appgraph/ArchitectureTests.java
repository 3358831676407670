package io.appgraph;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the features apart and the shared platform free of them. */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.appgraph");

    @Test
    void platformKnowsNoFeature() {
        noClasses().that()
            .resideInAPackage("io.appgraph.platform..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.appgraph.catalog..", "io.appgraph.org..", "io.appgraph.ownership..",
                    "io.appgraph.dependencies..", "io.appgraph.releases..", "io.appgraph.alerts..",
                    "io.appgraph.demo..", "io.appgraph.node..", "io.appgraph.backstage..")
            .check(MAIN);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.appgraph.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    // Other features hang their parts off apps (schema extensions, AppUpsertExtension);
    // the
    // catalog itself knows only the platform, so any feature can be added or removed
    // around it.
    @Test
    void theCatalogIsTheBaseAndKnowsNoOtherFeature() {
        classes().that()
            .resideInAPackage("io.appgraph.catalog..")
            .should()
            .onlyDependOnClassesThat(resideOutsideOfPackage("io.appgraph..")
                .or(resideInAnyPackage("io.appgraph.catalog..", "io.appgraph.platform..")))
            .check(MAIN);
    }

    @Test
    void theDemoEstateTalksOnlyToTheDatabase() {
        noClasses().that()
            .resideInAPackage("io.appgraph.demo..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.appgraph.catalog..", "io.appgraph.org..", "io.appgraph.ownership..",
                    "io.appgraph.dependencies..", "io.appgraph.releases..", "io.appgraph.alerts..")
            .check(MAIN);
        noClasses().that()
            .resideOutsideOfPackage("io.appgraph.demo..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.appgraph.demo..")
            .check(MAIN);
    }

    @Test
    void controllersAreFeatureInternals() {
        classes().that().areAnnotatedWith(Controller.class).should().notBePublic().check(MAIN);
    }

    @Test
    void onlyThePlatformTalksToTheDriverSessionDirectly() {
        noClasses().that()
            .resideOutsideOfPackages("io.appgraph.platform..", "io.appgraph.demo..")
            .should()
            .callMethod(org.neo4j.driver.Driver.class, "session")
            .check(MAIN);
    }

}
