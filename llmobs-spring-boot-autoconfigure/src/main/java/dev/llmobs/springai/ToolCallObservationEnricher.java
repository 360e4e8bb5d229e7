package dev.llmobs.springai;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;

import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationDocumentation;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.convention.LlmSpanConvention;
import dev.llmobs.trace.convention.ToolExecution;

/**
 * Turns the span of each tool execution Spring AI runs for a model's tool call
 * ({@code spring.ai.tool}) into an OpenInference {@code TOOL} span
 * ({@code execute_tool}): the tool's name, description and parameter schema, the call id,
 * the arguments as input and the result as output (captured, redacted, truncated or
 * hashed like any content), whether it returns directly, and a failure as {@code ERROR}
 * with {@code error.type}, also when Spring AI handed the failure back to the model as a
 * message. Meters each execution into {@link ToolExecutionMeter} when one is given.
 */
public final class ToolCallObservationEnricher implements ObservationHandler<ToolCallingObservationContext> {

	/**
	 * Spring AI's raw copies of the arguments and result (when its own content filter is
	 * on), which would bypass redaction and the length limit.
	 */
	private static final String[] RAW_CONTENT_KEYS = {
			ToolCallingObservationDocumentation.HighCardinalityKeyNames.TOOL_CALL_ARGUMENTS.asString(),
			ToolCallingObservationDocumentation.HighCardinalityKeyNames.TOOL_CALL_RESULT.asString() };

	private static final int MAX_CACHED_TOOLS = 512;

	private final LlmSpanWriter writer;

	private final List<LlmSpanConvention> conventions;

	private final ToolExecutionMeter meter;

	private final boolean captureInputs;

	private final boolean captureOutputs;

	private final Map<ToolDefinition, Attributes> toolAttributes = new ConcurrentHashMap<>();

	/**
	 * Creates the enricher.
	 * @param writer the span writer (capture, conventions)
	 * @param meter meters tool executions, or {@code null}
	 * @param captureInputs whether the arguments are recorded
	 * @param captureOutputs whether the result is recorded
	 */
	public ToolCallObservationEnricher(LlmSpanWriter writer, ToolExecutionMeter meter, boolean captureInputs,
			boolean captureOutputs) {
		this.writer = writer;
		this.conventions = writer.conventions().all();
		this.meter = meter;
		this.captureInputs = captureInputs;
		this.captureOutputs = captureOutputs;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ToolCallingObservationContext;
	}

	@Override
	public void onStart(ToolCallingObservationContext context) {
		try {
			Span span = ObservedSpans.of(context);
			context.put(ObservedTool.class, new ObservedTool(span, System.nanoTime()));
			if (!span.isRecording()) {
				return;
			}
			ToolDefinition definition = context.getToolDefinition();
			span.setAllAttributes(attributes(definition));
			boolean returnDirect = context.getToolMetadata().returnDirect();
			ToolExecution execution = new ToolExecution(context.getToolCallId(), bounded(definition.inputSchema()),
					returnDirect);
			for (LlmSpanConvention convention : this.conventions) {
				convention.toolExecution(span, execution);
			}
			if (returnDirect) {
				span.setAttribute(LlmObsAttributes.LLMOBS_TOOL_RETURN_DIRECT, true);
			}
			if (this.captureInputs && this.writer.writesContent(LlmSpanKind.TOOL)) {
				this.writer.writeCapturedInput(span, LlmSpanKind.TOOL,
						this.writer.capture().captureText(context.getToolCallArguments(), CapturedContent.JSON));
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the start of a Spring AI tool call", ex);
		}
	}

	@Override
	public void onStop(ToolCallingObservationContext context) {
		ObservedTool tool = context.get(ObservedTool.class);
		if (tool == null) {
			return;
		}
		try {
			Throwable thrown = context.getError();
			ToolFailure handled = context.get(ToolFailure.class);
			Throwable failure = (thrown != null) ? thrown : ((handled != null) ? handled.error() : null);
			if (this.meter != null) {
				this.meter.record(context.getToolDefinition().name(), context.getToolType(),
						(failure != null) ? failure.getClass().getName() : null, System.nanoTime() - tool.startNanos());
			}
			Span span = tool.span();
			if (!span.isRecording()) {
				return;
			}
			context.removeHighCardinalityKeyValues(RAW_CONTENT_KEYS);
			if (thrown != null) {
				// Micrometer's tracing handler records the exception and the status.
				span.setAttribute(LlmObsAttributes.ERROR_TYPE, thrown.getClass().getName());
			}
			else if (failure != null) {
				this.writer.writeError(span, failure);
			}
			String result = context.getToolCallResult();
			if (this.captureOutputs && result != null && this.writer.writesContent(LlmSpanKind.TOOL)) {
				this.writer.writeCapturedOutput(span, LlmSpanKind.TOOL,
						this.writer.capture().captureText(result, mimeTypeOf(result)));
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the end of a Spring AI tool call", ex);
		}
	}

	private Attributes attributes(ToolDefinition definition) {
		Attributes cached = this.toolAttributes.get(definition);
		if (cached != null) {
			return cached;
		}
		String description = (definition.description() != null) ? definition.description() : "";
		Attributes computed = LlmSpanTracer.staticAttributes(LlmSpanKind.TOOL, definition.name(),
				new SpanIdentity("", "", "", description), this.writer.conventions());
		if (this.toolAttributes.size() < MAX_CACHED_TOOLS) {
			this.toolAttributes.putIfAbsent(definition, computed);
		}
		return computed;
	}

	/**
	 * The parameter schema within the capture limit: a definition, not content, so it is
	 * neither redacted nor hashed.
	 */
	private String bounded(String schema) {
		if (schema == null) {
			return null;
		}
		int max = this.writer.capture().options().maxLength();
		return (schema.length() <= max) ? schema
				: schema.substring(0, max) + "…[truncated " + (schema.length() - max) + " chars]";
	}

	private static String mimeTypeOf(String result) {
		String trimmed = result.strip();
		return (trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith("\"")) ? CapturedContent.JSON
				: CapturedContent.TEXT;
	}

	/**
	 * What the start of a tool execution leaves for its end.
	 *
	 * @param span the tool's span
	 * @param startNanos when it started
	 */
	private record ObservedTool(Span span, long startNanos) {
	}

}
