package dev.llmobs.test.experiment;

import io.opentelemetry.api.OpenTelemetry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import dev.llmobs.autoconfigure.LlmObsAutoConfiguration;
import dev.llmobs.eval.EvaluationRunner;

/**
 * The experiment beans, imported by {@link AutoConfigureLlmObsExperiments}: the span
 * recorder (a {@code SpanProcessor} bean, which Boot adds to its tracer provider) and
 * {@link LlmExperiments}.
 */
@AutoConfiguration(after = LlmObsAutoConfiguration.class)
public final class LlmObsExperimentsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ExperimentSpanRecorder llmObsExperimentSpanRecorder() {
		return new ExperimentSpanRecorder();
	}

	@Bean
	@ConditionalOnMissingBean
	LlmExperiments llmExperiments(ObjectProvider<OpenTelemetry> openTelemetry, ExperimentSpanRecorder spans,
			ObjectProvider<EvaluationRunner> evaluationRunner, ResourceLoader resources) {
		OpenTelemetry otel = openTelemetry.getIfAvailable(OpenTelemetry::noop);
		return new LlmExperiments(otel.getTracer("dev.llmobs.test.experiment"), spans,
				evaluationRunner.getIfAvailable(), resources, LlmExperiments.DEFAULT_REPORT_ROOT);
	}

}
