package dev.llmobs.test.experiment;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorder keeps only the spans of watched traces, until released.
 */
class ExperimentSpanRecorderTests {

	private final ExperimentSpanRecorder recorder = new ExperimentSpanRecorder();

	private final Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(this.recorder).build().get("test");

	@Test
	void keepsTheEndedSpansOfAWatchedTraceOnly() {
		Span watchedRoot = this.tracer.spanBuilder("root").startSpan();
		this.recorder.watch(watchedRoot.getSpanContext().getTraceId());
		try (Scope scope = watchedRoot.makeCurrent()) {
			this.tracer.spanBuilder("child").startSpan().end();
		}
		this.tracer.spanBuilder("other trace").setNoParent().startSpan().end();

		assertThat(this.recorder.release(watchedRoot.getSpanContext().getTraceId())).extracting(SpanData::getName)
			.containsExactly("child");
	}

	@Test
	void forgetsATraceOnceReleased() {
		Span root = this.tracer.spanBuilder("root").startSpan();
		String traceId = root.getSpanContext().getTraceId();
		this.recorder.watch(traceId);
		this.recorder.release(traceId);
		try (Scope scope = root.makeCurrent()) {
			this.tracer.spanBuilder("late").startSpan().end();
		}

		assertThat(this.recorder.release(traceId)).isEmpty();
	}

}
