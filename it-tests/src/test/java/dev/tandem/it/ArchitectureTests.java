package dev.tandem.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md, checked on the compiled classes of every module. */
class ArchitectureTests {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tandem");

    static final String API = "dev.tandem.api..";
    static final String WORKERS = "dev.tandem.workers..";
    static final String BLENDER = "dev.tandem.blender..";

    @Test
    void core_isPlainJava_withoutSpringOrServices() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.tandem.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", API, WORKERS, BLENDER,
                        "dev.tandem.support.kafka..", "dev.tandem.devserver..");
        rule.check(CLASSES);
    }

    @Test
    void schemas_dependOnNothingOfTandemButThemselves() {
        noClasses().that().resideInAPackage("dev.tandem.schemas..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tandem.core..", "dev.tandem.support.kafka..", API, WORKERS,
                        BLENDER, "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void services_neverImportEachOther_theyMeetOnlyThroughTopicsAndRedis() {
        noClasses().that().resideInAPackage(API).should().dependOnClassesThat().resideInAnyPackage(WORKERS, BLENDER)
                .check(CLASSES);
        noClasses().that().resideInAPackage(WORKERS).should().dependOnClassesThat().resideInAnyPackage(API, BLENDER)
                .check(CLASSES);
        noClasses().that().resideInAPackage(BLENDER).should().dependOnClassesThat().resideInAnyPackage(API, WORKERS)
                .check(CLASSES);
    }

    /**
     * Feature packages depend on each other one way only: in the blender deadline uses merge, never back; in the
     * workers each enricher implements the SPI of {@code enrichment}, which never names an enricher.
     */
    @Test
    void featurePackages_areFreeOfCycles() {
        slices().matching("dev.tandem.(*).(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
