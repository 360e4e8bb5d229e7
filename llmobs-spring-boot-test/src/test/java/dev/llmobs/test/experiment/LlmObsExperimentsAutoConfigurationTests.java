package dev.llmobs.test.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
	void withoutTracingRecallIsAnErrorRatherThanAZero(@TempDir Path reports) {
		this.runner.run((context) -> {
			ExperimentReport report = context.getBean(LlmExperiments.class)
				.experiment("untraced")
				.examples(List.of(new Example("a", "question", null, List.of("doc-1"), Map.of())))
				.reportDirectory(reports)
				.evaluators(ExpectationEvaluators.expectedDocumentRecall())
				.task((example) -> "answer")
				.runWithoutGates();

			ExperimentReport.ExampleResult example = report.examples().get(0);
			assertThat(example.traceId()).isNull();
			assertThat(example.output()).isEqualTo("answer");
			assertThat(example.scores()).singleElement().satisfies((score) -> {
				assertThat(score.verdict()).isEqualTo("error");
				assertThat(score.explanation()).contains("no trace");
			});
		});
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		ExperimentSpanRecorder custom = new ExperimentSpanRecorder();
		this.runner.withBean(ExperimentSpanRecorder.class, () -> custom)
			.run((context) -> assertThat(context.getBean(ExperimentSpanRecorder.class)).isSameAs(custom));
	}

}
