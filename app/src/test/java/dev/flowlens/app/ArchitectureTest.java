package dev.flowlens.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The app's layering: the runtime only through its api package, no DJL, no standard streams. */
@AnalyzeClasses(packages = "dev.flowlens.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule RUNTIME_ONLY_THROUGH_ITS_API = noClasses().should().dependOnClassesThat(
            resideInAPackage("dev.flowlens.runtime..").and(not(resideInAPackage("dev.flowlens.runtime.api.."))))
            .because("the editor talks to the runtime only through dev.flowlens.runtime.api");

    @ArchTest
    static final ArchRule NO_DJL = noClasses().should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .because("models run in the runtime, never in the editor");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("the editor logs through SLF4J");
}
