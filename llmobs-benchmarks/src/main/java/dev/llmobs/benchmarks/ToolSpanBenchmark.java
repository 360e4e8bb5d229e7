package dev.llmobs.benchmarks;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.observation.DefaultToolCallingObservationConvention;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationDocumentation;

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;
import dev.llmobs.springai.ToolCallObservationEnricher;
import dev.llmobs.springai.ToolExecutionMeter;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.document.DocumentExtractor;

/**
 * The cost of one Spring AI tool execution observation ({@code spring.ai.tool}, as
 * {@code DefaultToolCallingManager} runs it) under Micrometer's tracing handler: Spring
 * AI alone, and with the llmobs tool enricher (kind, name, description, schema, call id,
 * arguments and result captured with redaction, the duration meter), with capture off,
 * and for an unsampled trace.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ToolSpanBenchmark {

	private static final ToolDefinition TOOL = DefaultToolDefinition.builder()
		.name("lookUpPlan")
		.description("Looks up the subscription plan a customer is on, by customer id")
		.inputSchema("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
				+ "\"properties\":{\"customerId\":{\"type\":\"string\",\"description\":\"The customer id\"}},"
				+ "\"required\":[\"customerId\"],\"additionalProperties\":false}")
		.build();

	private static final String ARGUMENTS = "{\"customerId\":\"C-2002\",\"note\":\"reach me at jane@example.com\"}";

	private static final String RESULT = "\"Team (10 seats, chat support), renews on 2026-12-01, billed to card ending 4242\"";

	private static final DefaultToolCallingObservationConvention CONVENTION = new DefaultToolCallingObservationConvention();

	private SdkTracerProvider sampled;

	private SdkTracerProvider unsampled;

	private ObservationRegistry springAiAlone;

	private ObservationRegistry enriched;

	private ObservationRegistry enrichedCaptureOff;

	private ObservationRegistry enrichedUnsampled;

	@Setup(Level.Trial)
	public void setUp() {
		this.sampled = Fixtures.tracerProvider(Sampler.alwaysOn());
		this.unsampled = Fixtures.tracerProvider(Sampler.alwaysOff());
		this.springAiAlone = registry(this.sampled, null);
		this.enriched = registry(this.sampled, enricher(true));
		this.enrichedCaptureOff = registry(this.sampled, enricher(false));
		this.enrichedUnsampled = registry(this.unsampled, enricher(true));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.sampled.close();
		this.unsampled.close();
	}

	private static ToolCallObservationEnricher enricher(boolean capture) {
		Redactor redactor = Redactor.of(Set.of(RedactionKind.SECRETS, RedactionKind.CREDIT_CARDS, RedactionKind.EMAILS),
				List.of());
		ContentCapture content = new ContentCapture(new CaptureOptions(CaptureMode.FULL, 4000, redactor),
				CaptureListener.NONE);
		LlmSpanWriter writer = new LlmSpanWriter(content, content, new DocumentExtractor(List.of(), 20),
				LlmSpanConventions.of(Convention.DEFAULTS), SpanLimits.getDefault().getMaxNumberOfAttributes(), null);
		ToolExecutionMeter meter = new ToolExecutionMeter();
		meter.bindTo(new SimpleMeterRegistry());
		return new ToolCallObservationEnricher(writer, meter, capture, capture);
	}

	private static ObservationRegistry registry(SdkTracerProvider provider, ToolCallObservationEnricher enricher) {
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(provider.get("micrometer"), current, (event) -> {
		}, new OtelBaggageManager(current, List.of(), List.of()));
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
		if (enricher != null) {
			registry.observationConfig().observationHandler(enricher);
		}
		return registry;
	}

	private static String execute(ObservationRegistry registry) {
		ToolCallingObservationContext context = ToolCallingObservationContext.builder()
			.toolDefinition(TOOL)
			.toolCallId("call_plan_1")
			.toolCallArguments(ARGUMENTS)
			.build();
		return ToolCallingObservationDocumentation.TOOL_CALL.observation(null, CONVENTION, () -> context, registry)
			.observe(() -> {
				context.setToolCallResult(RESULT);
				return RESULT;
			});
	}

	@Benchmark
	public String springAiToolSpanAlone() {
		return execute(this.springAiAlone);
	}

	@Benchmark
	public String enrichedToolSpan() {
		return execute(this.enriched);
	}

	@Benchmark
	public String enrichedToolSpanCaptureOff() {
		return execute(this.enrichedCaptureOff);
	}

	@Benchmark
	public String enrichedToolSpanUnsampled() {
		return execute(this.enrichedUnsampled);
	}

}
