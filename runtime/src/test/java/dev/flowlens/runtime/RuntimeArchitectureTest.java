package dev.flowlens.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The runtime's layering rules, checked on its compiled classes. */
@AnalyzeClasses(packages = "dev.flowlens.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeArchitectureTest {

    @ArchTest
    static final ArchRule noJavaFx = noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the runtime runs headless: CLI, service and HTTP API");

    @ArchTest
    static final ArchRule consoleOnlyInTheCli = noClasses().that().resideOutsideOfPackage("dev.flowlens.runtime.cli..")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace")
            .because("everything but the CLI logs through SLF4J");

    @ArchTest
    static final ArchRule nodeSpiStaysSmall = noClasses().that().resideInAnyPackage("dev.flowlens.runtime.node..",
                    "dev.flowlens.runtime.value..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.flowlens.runtime.engine..", "dev.flowlens.runtime.cli..")
            .because("node types see the SPI only, never the executor or the CLI");

    @ArchTest
    static final ArchRule engineDoesNotUseTheCli = noClasses().that().resideOutsideOfPackage("dev.flowlens.runtime.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.flowlens.runtime.cli..")
            .because("the CLI is a client of the runtime, not a part of it");
}
