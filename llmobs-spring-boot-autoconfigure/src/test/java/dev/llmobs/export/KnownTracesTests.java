package dev.llmobs.export;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnownTracesTests {

	private final KnownTraces known = new KnownTraces(3);

	private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(this.known).build();

	@Test
	void remembersLocalRootsAndNotTheirChildren() {
		Span root = this.provider.get("test").spanBuilder("root").startSpan();
		Span child = this.provider.get("test").spanBuilder("child").setParent(Context.root().with(root)).startSpan();
		String traceId = root.getSpanContext().getTraceId();
		assertThat(this.known.rootSpanId(traceId)).isEqualTo(root.getSpanContext().getSpanId());
		assertThat(child.getSpanContext().getTraceId()).isEqualTo(traceId);
		assertThat(this.known.rootSpanId("0af7651916cd43dd8448eb211c80319c")).isNull();
	}

	@Test
	void theOldestAreForgottenFirst() {
		String[] traceIds = new String[5];
		for (int i = 0; i < traceIds.length; i++) {
			traceIds[i] = this.provider.get("test").spanBuilder("root " + i).startSpan().getSpanContext().getTraceId();
		}
		assertThat(this.known.rootSpanId(traceIds[0])).isNull();
		assertThat(this.known.rootSpanId(traceIds[1])).isNull();
		assertThat(this.known.rootSpanId(traceIds[2])).isNotNull();
		assertThat(this.known.rootSpanId(traceIds[3])).isNotNull();
		assertThat(this.known.rootSpanId(traceIds[4])).isNotNull();
	}

	@Test
	void aTraceServedTwiceGivesItsLatestLocalRoot() {
		SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getSampled(), TraceState.getDefault());
		Context parent = Context.root().with(Span.wrap(remote));
		Span first = this.provider.get("test").spanBuilder("first request").setParent(parent).startSpan();
		Span second = this.provider.get("test").spanBuilder("second request").setParent(parent).startSpan();
		assertThat(first.getSpanContext().getSpanId()).isNotEqualTo(second.getSpanContext().getSpanId());
		assertThat(this.known.rootSpanId(remote.getTraceId())).isEqualTo(second.getSpanContext().getSpanId());
	}

	@Test
	void unsampledRootsAreNotRemembered() {
		SdkTracerProvider unsampled = SdkTracerProvider.builder()
			.setSampler(Sampler.alwaysOff())
			.addSpanProcessor(this.known)
			.build();
		Span root = unsampled.get("test").spanBuilder("root").startSpan();
		assertThat(this.known.rootSpanId(root.getSpanContext().getTraceId())).isNull();
	}

}
