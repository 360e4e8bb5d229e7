package dev.llmobs.aop;

import java.util.List;
import java.util.Set;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.aop.framework.ProxyFactory;

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;
import dev.llmobs.llm.LlmCallListener;
import dev.llmobs.llm.ModelPrice;
import dev.llmobs.llm.PricingTable;
import dev.llmobs.llm.UsageExtractors;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.document.DocumentExtractor;

/**
 * A real OpenTelemetry SDK with an in-memory exporter, and proxies advised exactly as in
 * an application.
 */
final class TracingFixture {

	final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	final SdkTracerProvider tracerProvider;

	final SpanAnnotationAdvisor advisor;

	final java.util.List<String> operations = new java.util.concurrent.CopyOnWriteArrayList<>();

	TracingFixture() {
		this(CaptureMode.FULL, 4000, true, true, Sampler.alwaysOn(), Convention.DEFAULTS);
	}

	TracingFixture(CaptureMode mode, int maxLength, boolean inputs, boolean outputs, Sampler sampler,
			Set<Convention> conventions) {
		this(mode, maxLength, inputs, outputs, sampler, LlmSpanConventions.of(conventions));
	}

	TracingFixture(CaptureMode mode, int maxLength, boolean inputs, boolean outputs, Sampler sampler,
			LlmSpanConventions conventions) {
		this.tracerProvider = SdkTracerProvider.builder()
			.setSampler(sampler)
			.setSpanLimits(SpanLimits.getDefault())
			.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
			.build();
		Redactor redactor = Redactor.of(Set.of(RedactionKind.SECRETS, RedactionKind.CREDIT_CARDS, RedactionKind.EMAILS),
				List.of());
		ContentCapture capture = new ContentCapture(new CaptureOptions(mode, maxLength, redactor),
				CaptureListener.NONE);
		ContentCapture documentCapture = new ContentCapture(new CaptureOptions(mode, 100, redactor),
				CaptureListener.NONE);
		LlmSpanWriter writer = new LlmSpanWriter(capture, documentCapture, new DocumentExtractor(List.of(), 5),
				conventions, SpanLimits.getDefault().getMaxNumberOfAttributes(),
				new LlmCallRecorder(new UsageExtractors(List.of()),
						new PricingTable(java.util.Map.of("house-model", new ModelPrice(1.0, 2.0, null))),
						LlmCallListener.NONE, conventions));
		LlmSpanTracer tracer = new LlmSpanTracer(this.tracerProvider.get("test"), writer,
				(descriptor, outcome, nanos) -> this.operations.add(descriptor.spanName() + ":" + outcome), null);
		ReturnValueHandlers handlers = new ReturnValueHandlers(List.of(new ReactorReturnValueHandler(),
				new CompletionStageReturnValueHandler(), new StreamReturnValueHandler()));
		InvocationProcessor processor = new TracingInvocationProcessor(
				new SpanDescriptorResolver(conventions, inputs, outputs), tracer, handlers);
		this.advisor = new SpanAnnotationAdvisor(() -> processor, 0);
	}

	@SuppressWarnings("unchecked")
	<T> T proxy(T target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(this.advisor);
		return (T) factory.getProxy();
	}

	List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems();
	}

	SpanData span(String name) {
		return spans().stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"No span named " + name + " in " + spans().stream().map(SpanData::getName).toList()));
	}

}
