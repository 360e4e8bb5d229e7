package dev.llmobs.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class LlmObsEnvironmentPostProcessorTests {

	private final LlmObsEnvironmentPostProcessor processor = new LlmObsEnvironmentPostProcessor();

	private StandardEnvironment environment(Map<String, Object> userProperties, Map<String, Object> env) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
		environment.getPropertySources().addFirst(new MapPropertySource("user", userProperties));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void samplesEveryTraceUnlessTheUserChoseAProbability() {
		assertThat(environment(Map.of(), Map.of()).getProperty("management.tracing.sampling.probability"))
			.isEqualTo("1.0");
		assertThat(environment(Map.of("management.tracing.sampling.probability", "0.25"), Map.of())
			.getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
	}

	@Test
	void reactorContextPropagationIsAutomaticUnlessTheUserChoseAMode() {
		assertThat(environment(Map.of(), Map.of()).getProperty("spring.reactor.context-propagation")).isEqualTo("auto");
		assertThat(environment(Map.of("spring.reactor.context-propagation", "limited"), Map.of())
			.getProperty("spring.reactor.context-propagation")).isEqualTo("limited");
		assertThat(environment(Map.of(), Map.of("SPRING_REACTOR_CONTEXT_PROPAGATION", "limited"))
			.getProperty("spring.reactor.context-propagation")).isEqualTo("limited");
	}

	@Test
	void otlpMetricsExportStaysOffUnlessConfigured() {
		assertThat(environment(Map.of(), Map.of()).getProperty("management.otlp.metrics.export.enabled"))
			.isEqualTo("false");
		assertThat(
				environment(Map.of("management.otlp.metrics.export.url", "http://collector:4318/v1/metrics"), Map.of())
					.getProperty("management.otlp.metrics.export.enabled"))
			.isNull();
		assertThat(environment(Map.of("management.otlp.metrics.export.enabled", "true"), Map.of())
			.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("true");
	}

	@Test
	void openInferenceHideSwitchesTurnCaptureOff() {
		StandardEnvironment environment = environment(Map.of(),
				Map.of("OPENINFERENCE_HIDE_INPUTS", "true", "OPENINFERENCE_HIDE_OUTPUTS", "TRUE"));
		assertThat(environment.getProperty("llmobs.capture.inputs")).isEqualTo("false");
		assertThat(environment.getProperty("llmobs.capture.outputs")).isEqualTo("false");
		assertThat(environment(Map.of(), Map.of("OPENINFERENCE_HIDE_INPUTS", "false"))
			.getProperty("llmobs.capture.inputs")).isNull();
	}

	@Test
	void disabledLeavesBootDefaultsAlone() {
		StandardEnvironment environment = environment(Map.of("llmobs.enabled", "false"), Map.of());
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isNull();
		assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isNull();
	}

}
