package io.ticketrail;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Feature packages point one way: {@code order} and {@code location}
 * write through {@code log}, {@code feed} reads from it, {@code access} is used by all. A cycle between two of
 * them is a design bug, so the build fails on one.
 */
class PackageDependenciesTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ticketrail");

    @Test
    void noTwoFeaturePackagesDependOnEachOther() {
        slices().matching("io.ticketrail.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    /** The log is the bottom layer every writer and reader shares; it knows requests (web, access) and config only. */
    @Test
    void theEventLogDependsOnNoFeature() {
        classes()
                .that()
                .resideInAPackage("io.ticketrail.log..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("io.ticketrail..")
                        .or(resideInAnyPackage(
                                "io.ticketrail.log..",
                                "io.ticketrail.web..",
                                "io.ticketrail.config..",
                                "io.ticketrail.access..")))
                .check(PRODUCTION);
    }
}
