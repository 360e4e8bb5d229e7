package dev.llmobs.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;
import dev.llmobs.eval.EvaluationListener;
import dev.llmobs.eval.EvaluationResult;
import dev.llmobs.eval.Feedback;
import dev.llmobs.eval.Verdict;
import dev.llmobs.export.KnownTraces;
import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.export.TraceAssembler;
import dev.llmobs.trace.LlmObsAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackRecorderTests {

	private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();

	private final SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
		.addLogRecordProcessor(SimpleLogRecordProcessor.create(this.logs))
		.build();

	private final List<String> evaluated = new ArrayList<>();

	private final KnownTraces known = new KnownTraces(100);

	private final RecentTraceStore store = new RecentTraceStore(10, 1_000_000);

	private final AtomicLong clock = new AtomicLong(1_000_000);

	private final SpanTraces traces = new SpanTraces();

	private FeedbackRecorder recorder(boolean requireKnownTrace, int maxPerSecond, int maxNames) {
		ContentCapture comments = new ContentCapture(
				new CaptureOptions(CaptureMode.FULL, 200, Redactor.of(Set.of(RedactionKind.SECRETS), List.of())),
				CaptureListener.NONE);
		EvaluationListener listener = new EvaluationListener() {
			@Override
			public void evaluated(EvaluationResult result, String promptVersion) {
				FeedbackRecorderTests.this.evaluated.add(result.name() + ":" + result.verdict().value());
			}
		};
		return new FeedbackRecorder(
				new FeedbackOptions(200, maxNames, maxPerSecond, requireKnownTrace, 0.5, Set.of("bad")),
				this.loggerProvider.get("test"), listener, comments::captureText, this.known, this.store,
				this.clock::get);
	}

	@Test
	void feedbackOnAServedTraceIsALogRecordOnItsRootSpanAMetricAndPartOfTheStoredTrace() {
		Span root = this.traces.chat();
		FeedbackRecorder recorder = recorder(true, 100, 10);
		Feedback feedback = recorder.record(root.getSpanContext().getTraceId(), "thumbs", false,
				"wrong article, password=hunter2");
		assertThat(feedback.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(feedback.score()).isEqualTo(0.0);
		assertThat(feedback.comment()).doesNotContain("hunter2").contains("[REDACTED:secret]");

		LogRecordData record = this.logs.getFinishedLogRecordItems().get(0);
		assertThat(record.getSpanContext().getTraceId()).isEqualTo(root.getSpanContext().getTraceId());
		assertThat(record.getSpanContext().getSpanId()).isEqualTo(root.getSpanContext().getSpanId());
		assertThat(record.getEventName()).isEqualTo("gen_ai.evaluation.result");
		assertThat(record.getAttributes().get(LlmObsAttributes.GEN_AI_EVALUATION_NAME)).isEqualTo("feedback.thumbs");
		assertThat(record.getAttributes().get(LlmObsAttributes.GEN_AI_EVALUATION_SCORE_VALUE)).isEqualTo(0.0);
		assertThat(record.getAttributes().get(LlmObsAttributes.GEN_AI_EVALUATION_EXPLANATION))
			.doesNotContain("hunter2");
		assertThat(record.getAttributes().get(FeedbackRecorder.LLMOBS_FEEDBACK)).isTrue();

		assertThat(this.evaluated).containsExactly("feedback.thumbs:fail");
		assertThat(this.store.trace(root.getSpanContext().getTraceId()).orElseThrow().summary().feedback())
			.singleElement()
			.satisfies((stored) -> assertThat(stored.name()).isEqualTo("thumbs"));
	}

	@Test
	void numbersAndLabelsGetAVerdict() {
		String traceId = this.traces.chat().getSpanContext().getTraceId();
		FeedbackRecorder recorder = recorder(true, 100, 10);
		assertThat(recorder.record(traceId, "rating", 0.8, null).verdict()).isEqualTo(Verdict.PASS);
		assertThat(recorder.record(traceId, "rating", 0.2, null).verdict()).isEqualTo(Verdict.FAIL);
		assertThat(recorder.record(traceId, "label", "BAD", null).verdict()).isEqualTo(Verdict.FAIL);
		assertThat(recorder.record(traceId, "label", "great", null)).satisfies((feedback) -> {
			assertThat(feedback.verdict()).isEqualTo(Verdict.PASS);
			assertThat(feedback.label()).isEqualTo("great");
			assertThat(feedback.score()).isNull();
		});
	}

	@Test
	void malformedInputIsRefusedWithA4xxAndNothingIsRecorded() {
		String traceId = this.traces.chat().getSpanContext().getTraceId();
		FeedbackRecorder recorder = recorder(true, 100, 10);
		assertRejected(() -> recorder.record("not-a-trace", "thumbs", true, null), 400, "traceId");
		assertRejected(() -> recorder.record("0".repeat(32), "thumbs", true, null), 400, "traceId");
		assertRejected(() -> recorder.record(traceId.toUpperCase(), "thumbs", true, null), 400, "traceId");
		assertRejected(() -> recorder.record(traceId, "<script>", true, null), 400, "name");
		assertRejected(() -> recorder.record(traceId, "thumbs", List.of(1), null), 400, "value");
		assertRejected(() -> recorder.record(traceId, "thumbs", Double.NaN, null), 400, "value");
		assertRejected(() -> recorder.record(traceId, "thumbs", "x".repeat(65), null), 400, "value");
		assertRejected(() -> recorder.record(traceId, "thumbs", true, "x".repeat(201)), 413, "comment");
		assertRejected(() -> recorder.record("ab".repeat(16), "thumbs", true, null), 404, "unknown trace");
		assertThat(this.logs.getFinishedLogRecordItems()).isEmpty();
		assertThat(this.evaluated).isEmpty();
	}

	@Test
	void withoutRequiringAKnownTraceLateFeedbackCarriesTheTraceIdAsAnAttribute() {
		FeedbackRecorder recorder = recorder(false, 100, 10);
		recorder.record("ab".repeat(16), "thumbs", true, null);
		LogRecordData record = this.logs.getFinishedLogRecordItems().get(0);
		assertThat(record.getAttributes().get(FeedbackRecorder.LLMOBS_FEEDBACK_TRACE_ID)).isEqualTo("ab".repeat(16));
	}

	@Test
	void floodsAndNewNamesAreBounded() {
		String traceId = this.traces.chat().getSpanContext().getTraceId();
		FeedbackRecorder recorder = recorder(true, 5, 2);
		for (int i = 0; i < 5; i++) {
			recorder.record(traceId, "thumbs", true, null);
		}
		assertRejected(() -> recorder.record(traceId, "thumbs", true, null), 429, "a second");
		this.clock.addAndGet(1000);
		recorder.record(traceId, "rating", 1, null);
		assertRejected(() -> recorder.record(traceId, "third-name", 1, null), 400, "distinct feedback names");
		assertThat(this.store.trace(traceId).orElseThrow().feedback()).hasSize(6);
	}

	@Test
	void feedbackSentBeforeTheRootSpanEndedIsAttachedWhenTheTraceCompletes() {
		Span root = this.traces.open();
		String traceId = root.getSpanContext().getTraceId();
		recorder(true, 100, 10).record(traceId, "thumbs", true, null);
		assertThat(this.store.trace(traceId)).isEmpty();
		root.end();
		assertThat(this.store.trace(traceId).orElseThrow().feedback()).singleElement()
			.satisfies((feedback) -> assertThat(feedback.verdict()).isEqualTo(Verdict.PASS));
	}

	private static void assertRejected(Runnable call, int status, String message) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(FeedbackRejectedException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(status);
			assertThat(ex.getMessage()).contains(message);
		});
	}

	/** Real traces through the assembler, so known traces and the store see them. */
	private final class SpanTraces {

		private final io.opentelemetry.api.trace.Tracer tracer = SdkTracerProvider.builder()
			.addSpanProcessor(FeedbackRecorderTests.this.known)
			.addSpanProcessor(new TraceAssembler(10, 100, List.of(FeedbackRecorderTests.this.store),
					List.of(FeedbackRecorderTests.this.store)))
			.build()
			.get("test");

		Span chat() {
			Span root = open();
			root.end();
			return root;
		}

		Span open() {
			return this.tracer.spanBuilder("chat").setAttribute("llmobs.span.kind", "chain").startSpan();
		}

	}

}
