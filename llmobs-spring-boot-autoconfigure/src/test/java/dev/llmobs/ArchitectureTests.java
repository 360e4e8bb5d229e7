package dev.llmobs;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering the design relies on: the runtime packages are plain Java, packages do not
 * depend on each other in circles, and only {@code autoconfigure} wires beans.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.llmobs");

	@Test
	void capturingTracingEvaluationModelCallsAndContextNeverImportSpring() {
		noClasses().that()
			.resideInAnyPackage("dev.llmobs.capture..", "dev.llmobs.trace..", "dev.llmobs.eval..", "dev.llmobs.llm..",
					"dev.llmobs.context..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.check(classes);
	}

	/**
	 * No cycles between packages: a type two packages share lives in the lower one
	 * ({@code context} and {@code llm} below {@code trace}, {@code failure} below all).
	 */
	@Test
	void packagesDoNotFormCycles() {
		slices().matching("dev.llmobs.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void recordingFailuresDependOnNothingElseInTheLibrary() {
		noClasses().that()
			.resideInAPackage("dev.llmobs.failure..")
			.should()
			.dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.llmobs..")
				.and(JavaClass.Predicates.resideOutsideOfPackage("dev.llmobs.failure..")))
			.check(classes);
	}

	@Test
	void onlyAutoconfigureDeclaresConfiguration() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.or()
			.areAnnotatedWith(Configuration.class)
			.should()
			.resideInAPackage("dev.llmobs.autoconfigure..")
			.check(classes);
	}

}
