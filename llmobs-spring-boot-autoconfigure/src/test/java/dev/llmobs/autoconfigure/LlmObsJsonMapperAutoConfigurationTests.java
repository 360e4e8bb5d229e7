package dev.llmobs.autoconfigure;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.llmobs.json.LlmObsJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's own JSON mapper is a bean by name that never replaces the application's.
 */
class LlmObsJsonMapperAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				AopAutoConfiguration.class, LlmObsAutoConfiguration.class));

	@Test
	void bootsJsonMapperStaysTheOneInjectedByTypeAndTheStartersIsAvailableByName() {
		this.runner.run((context) -> {
			JsonMapper application = context.getBean(JsonMapper.class);
			JsonMapper starter = context.getBean(LlmObsAutoConfiguration.JSON_MAPPER, JsonMapper.class);
			assertThat(starter).isSameAs(LlmObsJson.mapper());
			assertThat(application).isNotSameAs(starter);
			assertThat(context.getBeanNamesForType(JsonMapper.class)).hasSize(2)
				.contains(LlmObsAutoConfiguration.JSON_MAPPER);
		});
	}

}
