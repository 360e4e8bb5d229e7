package dev.llmobs.test.experiment;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The experiment beans and how they back off.
 */
class LlmObsExperimentsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmObsExperimentsAutoConfiguration.class));

	@Test
	void shouldSupplyBeansEvenWithoutOpenTelemetryOrEvaluators() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LlmExperiments.class).hasSingleBean(ExperimentSpanRecorder.class);
			assertThat(context.getBean(LlmExperiments.class).experiment("works")).isNotNull();
		});
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		ExperimentSpanRecorder custom = new ExperimentSpanRecorder();
		this.runner.withBean(ExperimentSpanRecorder.class, () -> custom)
			.run((context) -> assertThat(context.getBean(ExperimentSpanRecorder.class)).isSameAs(custom));
	}

}
