package dev.llmobs;

import com.tngtech.archunit.base.DescribedPredicate;
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
	 * No cycles between packages, with one known one held to the dependencies it has
	 * today (a new dependency along it fails): {@code trace -> llm}: conventions write
	 * usage and cost ({@code LlmUsage}, {@code LlmCost}) and the span writer records
	 * model calls through the {@code LlmCallRecorder}, which writes through the
	 * conventions. To cut: the recorder moves to {@code trace}.
	 */
	@Test
	void packagesDoNotFormCycles() {
		slices().matching("dev.llmobs.(*)..")
			.should()
			.beFreeOfCycles()
			.ignoreDependency(resideIn("dev.llmobs.trace.."),
					names("dev.llmobs.llm.LlmUsage", "dev.llmobs.llm.LlmCost", "dev.llmobs.llm.LlmCallRecorder"))
			.check(classes);
	}

	private static DescribedPredicate<JavaClass> resideIn(String packageIdentifier) {
		return JavaClass.Predicates.resideInAPackage(packageIdentifier);
	}

	private static DescribedPredicate<JavaClass> name(String className) {
		return JavaClass.Predicates.simpleName(className.substring(className.lastIndexOf('.') + 1))
			.and(JavaClass.Predicates.resideInAPackage(className.substring(0, className.lastIndexOf('.'))));
	}

	private static DescribedPredicate<JavaClass> names(String... classNames) {
		DescribedPredicate<JavaClass> any = name(classNames[0]);
		for (int i = 1; i < classNames.length; i++) {
			any = any.or(name(classNames[i]));
		}
		return any;
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
