package dev.llmobs.trace.convention;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenInference evaluation attributes at every index, including those past the keys
 * made in advance.
 */
class OpenInferenceEvaluationKeysTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void evaluationsAreWrittenUnderTheirIndexWhereverItIs() {
		Span span = this.provider.get("test").spanBuilder("task").startSpan();
		OpenInferenceConvention convention = new OpenInferenceConvention();
		convention.evaluation(span, 0, new EvaluationOutcome("first", 0.5, "ok", "pass", "because"));
		convention.evaluation(span, 63, new EvaluationOutcome("last-made", null, null, "fail", null));
		convention.evaluation(span, 64, new EvaluationOutcome("past", 1.0, null, "pass", null));
		span.end();

		SpanData data = this.exporter.getFinishedSpanItems().get(0);
		assertThat(data.getAttributes().get(AttributeKey.stringKey("evaluations.0.evaluation.name")))
			.isEqualTo("first");
		assertThat(data.getAttributes().get(AttributeKey.doubleKey("evaluations.0.evaluation.score"))).isEqualTo(0.5);
		assertThat(data.getAttributes().get(AttributeKey.stringKey("evaluations.0.evaluation.label"))).isEqualTo("ok");
		assertThat(data.getAttributes().get(AttributeKey.stringKey("evaluations.0.evaluation.explanation")))
			.isEqualTo("because");
		assertThat(data.getAttributes().get(AttributeKey.stringKey("evaluations.63.evaluation.verdict")))
			.isEqualTo("fail");
		assertThat(data.getAttributes().get(AttributeKey.doubleKey("evaluations.63.evaluation.score"))).isNull();
		assertThat(data.getAttributes().get(AttributeKey.stringKey("evaluations.64.evaluation.name")))
			.isEqualTo("past");
		assertThat(data.getAttributes().get(AttributeKey.doubleKey("evaluations.64.evaluation.score"))).isEqualTo(1.0);
	}

	@Test
	void theNameKeyMatchesTheWrittenKey() {
		assertThat(OpenInferenceConvention.evaluationNameKey(3).getKey()).isEqualTo("evaluations.3.evaluation.name");
		assertThat(OpenInferenceConvention.evaluationNameKey(100).getKey())
			.isEqualTo("evaluations.100.evaluation.name");
	}

}
