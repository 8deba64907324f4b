package dev.flowlens.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** graph-core is the bottom layer: the model and its rules, Jackson only, no UI, no inference, no console. */
@AnalyzeClasses(packages = "dev.flowlens.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule knowsNothingOfTheLayersAboveOrOfUiAndInference = noClasses()
            .that().resideInAPackage("dev.flowlens.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "ai.djl..", "dev.flowlens.runtime..",
                    "dev.flowlens.app..")
            .because("graph-core is shared by the runtime, the app and the CLI, and runs without a screen or a model");

    @ArchTest
    static final ArchRule dependsOnTheJdkAndJacksonOnly = classes()
            .that().resideInAPackage("dev.flowlens.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "dev.flowlens.core..")
            .because("DESIGN.md: graph-core depends on Jackson only");

    @ArchTest
    static final ArchRule writesNothingToTheConsole = noClasses()
            .that().resideInAPackage("dev.flowlens.core..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("only the CLI prints; everything else returns data or logs");

    @ArchTest
    static final ArchRule touchesFilesOnlyToReadWorkflows = noClasses()
            .that().resideInAPackage("dev.flowlens.core..").and().resideOutsideOfPackage("dev.flowlens.core.json..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.io..")
            .because("the model has no I/O beyond reading a workflow file");
}
