package dev.llmobs.mcp;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;
import dev.llmobs.llm.LlmCallListener;
import dev.llmobs.llm.PricingTable;
import dev.llmobs.llm.UsageExtractors;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.document.DocumentExtractor;
import dev.llmobs.web.IdValidator;

/**
 * An {@link McpTracing} over an in-memory tracer provider, recording the durations it is
 * told.
 */
final class McpTracingFixture implements AutoCloseable {

	/** One recorded duration. */
	record Duration(boolean server, String method, String tool, String transport, String errorType) {
	}

	final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	final Queue<Duration> durations = new ConcurrentLinkedQueue<>();

	final McpTracing tracing;

	McpTracingFixture() {
		this(true, 200, EnumSet.of(Convention.OPENINFERENCE, Convention.GEN_AI));
	}

	McpTracingFixture(boolean capture, int maxLength, EnumSet<Convention> selected) {
		ContentCapture content = new ContentCapture(
				new CaptureOptions(CaptureMode.FULL, maxLength,
						Redactor.of(EnumSet.of(RedactionKind.SECRETS, RedactionKind.CREDIT_CARDS), List.of())),
				CaptureListener.NONE);
		LlmSpanConventions conventions = LlmSpanConventions.of(selected);
		LlmSpanWriter writer = new LlmSpanWriter(content, content, new DocumentExtractor(List.of(), 5), conventions,
				SpanLimits.getDefault().getMaxNumberOfAttributes(), new LlmCallRecorder(new UsageExtractors(List.of()),
						new PricingTable(Map.of()), LlmCallListener.NONE, conventions));
		TextMapPropagator propagator = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
				W3CBaggagePropagator.getInstance());
		this.tracing = new McpTracing(this.tracerProvider.get("test"), writer, propagator,
				(server, operation, transport, errorType, seconds) -> this.durations
					.add(new Duration(server, operation.method(), operation.toolName(), transport, errorType)),
				capture, capture, new IdValidator(128));
	}

	List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems();
	}

	SpanData only() {
		List<SpanData> spans = spans();
		if (spans.size() != 1) {
			throw new AssertionError("expected one span, got " + spans);
		}
		return spans.get(0);
	}

	@Override
	public void close() {
		this.tracerProvider.close();
	}

}
