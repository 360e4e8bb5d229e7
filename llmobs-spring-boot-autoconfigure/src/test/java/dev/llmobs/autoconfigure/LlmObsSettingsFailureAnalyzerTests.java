package dev.llmobs.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.eval.EvaluationInput;
import dev.llmobs.eval.EvaluatorRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Typed settings: valid values bind in the names users write, and an invalid one stops
 * the application with a message naming the property, the value and the allowed values.
 */
@ExtendWith(OutputCaptureExtension.class)
class LlmObsSettingsFailureAnalyzerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
					AopAutoConfiguration.class, LlmObsAutoConfiguration.class));

	@Test
	void captureModeAndRedactionKindsBindFromTheNamesInTheDocumentation() {
		this.runner.withPropertyValues("llmobs.capture.mode=hash", "llmobs.capture.redact=emails,ip-addresses")
			.run((context) -> {
				LlmObsProperties.Capture capture = context.getBean(LlmObsProperties.class).getCapture();
				assertThat(capture.getMode()).isEqualTo(CaptureMode.HASH);
				assertThat(capture.getRedact()).containsExactly(RedactionKind.EMAILS, RedactionKind.IP_ADDRESSES);
			});
	}

	@Test
	void aTypedEvaluatorDefinitionBuildsItsEvaluatorAndDisabledOnesAreListed() {
		this.runner.withPropertyValues("llmobs.evaluation.evaluators.short.type=length",
				"llmobs.evaluation.evaluators.short.max-length=5", "llmobs.evaluation.evaluators.refusal.enabled=false")
			.run((context) -> {
				EvaluatorRegistry registry = context.getBean(EvaluatorRegistry.class);
				assertThat(registry.disabled()).containsExactly("refusal");
				assertThat(registry.evaluators()
					.get("short")
					.evaluate(
							new EvaluationInput("question", "a long answer", List.of(), java.util.Map.of(), null, null))
					.verdict()).isEqualTo(dev.llmobs.eval.Verdict.FAIL);
			});
	}

	@Test
	void anUnknownCaptureModeNamesThePropertyAndTheAllowedModes() {
		assertFailure("llmobs.capture.mode=verbose", "Invalid value 'verbose' for the property 'llmobs.capture.mode'",
				"Set 'llmobs.capture.mode' to one of: full, hash, none.");
	}

	@Test
	void anUnknownRedactionKindNamesThePropertyAndTheAllowedKinds() {
		assertFailure("llmobs.capture.redact=secrets,passports", "'llmobs.capture.redact'",
				"Set 'llmobs.capture.redact' to any of: secrets, credit-cards, emails, phones, ip-addresses, custom.");
	}

	@Test
	void anUnknownConventionNamesThePropertyAndTheAllowedConventions() {
		assertFailure("llmobs.conventions=openinference,zipkin", "'llmobs.conventions'",
				"Set 'llmobs.conventions' to any of: openinference, gen-ai, gen-ai-latest.");
	}

	@Test
	void anUnknownEvaluatorTypeNamesThePropertyAndTheBuiltInTypes() {
		assertFailure("llmobs.evaluation.evaluators.tone.type=sentiment",
				"Invalid value 'sentiment' for the property 'llmobs.evaluation.evaluators.tone.type'",
				"Set 'llmobs.evaluation.evaluators.tone.type' to one of: non-empty, length, regex, json, refusal, "
						+ "pii-leak, context-overlap, llm-judge.");
	}

	@Test
	void anEvaluatorWithoutATypeWhoseNameIsNoTypeNamesTheMissingProperty() {
		assertFailure("llmobs.evaluation.evaluators.tone.threshold=0.4",
				"has no 'llmobs.evaluation.evaluators.tone.type'",
				"Set 'llmobs.evaluation.evaluators.tone.type' to one of: non-empty, length, regex, json, refusal, "
						+ "pii-leak, context-overlap, llm-judge.");
	}

	@Test
	void bootsStartupFailureReportShowsTheAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
			.properties("llmobs.capture.mode=verbose")
			.build();
		assertThatThrownBy(application::run).isInstanceOf(RuntimeException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'verbose' for the property 'llmobs.capture.mode'")
			.contains("Set 'llmobs.capture.mode' to one of: full, hash, none.");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
			AopAutoConfiguration.class, LlmObsAutoConfiguration.class })
	static class Empty {

	}

	private void assertFailure(String property, String description, String action) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new LlmObsSettingsFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(description);
			assertThat(analysis.getAction()).isEqualTo(action);
		});
	}

}
