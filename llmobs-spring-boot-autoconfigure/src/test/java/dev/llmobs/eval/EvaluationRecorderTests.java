package dev.llmobs.eval;

import java.util.List;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationRecorderTests {

	@Test
	void explanationsPassThroughTheRedactionOnEveryChannel() {
		InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
		SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
			.addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
			.build();
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(spans))
			.build();
		Redactor redactor = Redactor.of(Set.of(RedactionKind.SECRETS), List.of());
		EvaluationRecorder recorder = new EvaluationRecorder(tracerProvider.get("t"), EvaluationListener.NONE,
				loggerProvider.get("dev.llmobs"), LlmSpanConventions.defaults(),
				(text) -> redactor.redact(text, CaptureListener.NONE));
		Span span = tracerProvider.get("t").spanBuilder("answer").startSpan();
		recorder.recordOn(span,
				List.of(EvaluationResult.fail("answer-quality", 0.2, "the answer repeats 'my password is hunter2'")));
		span.end();
		SpanData data = spans.getFinishedSpanItems().get(0);
		assertThat(data.getAttributes().get(AttributeKey.stringKey("evaluations.0.evaluation.explanation")))
			.isEqualTo("the answer repeats 'my password is [REDACTED:secret]'");
		assertThat(data.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("gen_ai.evaluation.explanation")))
			.isEqualTo("the answer repeats 'my password is [REDACTED:secret]'");
		assertThat(logs.getFinishedLogRecordItems().get(0).getAttributes().toString()).doesNotContain("hunter2");
	}

	@Test
	void eachEvaluationIsAlsoALogRecordInTheSpansContext() {
		InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
		SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
			.addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
			.build();
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();
		EvaluationRecorder recorder = new EvaluationRecorder(tracerProvider.get("t"), EvaluationListener.NONE,
				loggerProvider.get("dev.llmobs"));
		Span span = tracerProvider.get("t").spanBuilder("answer").startSpan();
		recorder.recordOn(span, List.of(EvaluationResult.pass("non-empty", 1.0, null),
				EvaluationResult.fail("pii-leak", 0.0, "the answer contains emails").withLabel("leak")));
		span.end();
		assertThat(logs.getFinishedLogRecordItems()).hasSize(2);
		LogRecordData leak = logs.getFinishedLogRecordItems().get(1);
		assertThat(leak.getAttributes().get(AttributeKey.stringKey("gen_ai.evaluation.name"))).isEqualTo("pii-leak");
		assertThat(leak.getAttributes().get(AttributeKey.doubleKey("gen_ai.evaluation.score.value"))).isEqualTo(0.0);
		assertThat(leak.getAttributes().get(AttributeKey.stringKey("gen_ai.evaluation.score.label"))).isEqualTo("leak");
		assertThat(leak.getAttributes().get(AttributeKey.stringKey("gen_ai.evaluation.verdict"))).isEqualTo("fail");
		assertThat(leak.getSpanContext().getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
		assertThat(leak.getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
	}

	@Test
	void theLogRecordCarriesTheResponseIdOfTheJudgedModelCall() {
		InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
		SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
			.addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
			.build();
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();
		EvaluationRecorder recorder = new EvaluationRecorder(tracerProvider.get("t"), EvaluationListener.NONE,
				loggerProvider.get("dev.llmobs"));
		Span call = tracerProvider.get("t")
			.spanBuilder("chat")
			.setAttribute("gen_ai.response.id", "chatcmpl-123")
			.startSpan();
		Span chain = tracerProvider.get("t").spanBuilder("flow").startSpan();
		recorder.recordOn(call, List.of(EvaluationResult.pass("non-empty", 1.0, null)));
		recorder.recordOn(chain, List.of(EvaluationResult.pass("non-empty", 1.0, null)));
		call.end();
		chain.end();
		assertThat(logs.getFinishedLogRecordItems())
			.extracting((record) -> record.getAttributes().get(AttributeKey.stringKey("gen_ai.response.id")))
			.containsExactly("chatcmpl-123", null);
	}

	@Test
	void anErroredEvaluationIsMarkedOnTheSpanWhateverTheConventions() {
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(spans))
			.build();
		EvaluationRecorder recorder = new EvaluationRecorder(tracerProvider.get("t"), EvaluationListener.NONE, null,
				LlmSpanConventions.of(java.util.EnumSet.of(dev.llmobs.trace.Convention.GEN_AI_LATEST)));
		Span errored = tracerProvider.get("t").spanBuilder("errored").startSpan();
		recorder.recordOn(errored, List.of(EvaluationResult.error("judge", "timed out")));
		errored.end();
		Span passed = tracerProvider.get("t").spanBuilder("passed").startSpan();
		recorder.recordOn(passed, List.of(EvaluationResult.pass("judge", 1.0, "fine")));
		passed.end();
		assertThat(spans.getFinishedSpanItems()).satisfiesExactly(
				(span) -> assertThat(span.getAttributes().get(LlmObsAttributes.LLMOBS_EVALUATION_ERROR)).isTrue(),
				(span) -> assertThat(span.getAttributes().get(LlmObsAttributes.LLMOBS_EVALUATION_ERROR)).isNull());
	}

}
