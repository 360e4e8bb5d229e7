package dev.llmobs.springai;

import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import dev.llmobs.context.NestedModelCalls;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.convention.LlmSpanConvention;

/**
 * Enriches the span of each Spring AI chat model call, blocking or streaming, with what
 * Spring AI leaves out: the OpenInference identity, the real provider, invocation
 * parameters, input and output messages with tool calls, typed token counts, finish
 * reasons, cost (added to the trace's total) and the truncation signal; and meters the
 * call's tokens and cost. Registered after Micrometer's tracing handler, so it runs while
 * the span is open: first on start, and (handlers stop in reverse order) before the span
 * ends.
 */
public final class ChatModelObservationEnricher implements ObservationHandler<ChatModelObservationContext> {

	private final SpanEnrichment enrichment;

	private final ChatMessageWriter messages;

	private final LlmCallRecorder recorder;

	private final boolean captureInputs;

	private final boolean captureOutputs;

	/**
	 * Creates the enricher.
	 * @param writer the span writer (capture, conventions, attribute budget)
	 * @param recorder records usage and cost
	 * @param captureInputs whether input messages are recorded
	 * @param captureOutputs whether output messages are recorded
	 */
	public ChatModelObservationEnricher(LlmSpanWriter writer, LlmCallRecorder recorder, boolean captureInputs,
			boolean captureOutputs) {
		this.enrichment = new SpanEnrichment(writer);
		this.messages = new ChatMessageWriter(writer.capture(), this.enrichment.conventions(),
				writer.flattenedAttributeBudget());
		this.recorder = recorder;
		this.captureInputs = captureInputs;
		this.captureOutputs = captureOutputs;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		try {
			Prompt prompt = context.getRequest();
			ChatOptions options = (prompt != null) ? prompt.getOptions() : null;
			ObservedCall call = ObservedCall.start(context, context.getOperationMetadata().provider(),
					(options != null) ? options.getModel() : null);
			// An enclosing @LlmCall span leaves the usage of this, the real call, to this
			// span.
			NestedModelCalls enclosing = NestedModelCalls.from(Context.current());
			if (enclosing != null) {
				enclosing.started();
			}
			Span span = call.span();
			if (context.isStreaming()) {
				FirstChunkTiming.claim(context, span);
			}
			if (call.traceState() != null) {
				call.traceState().usePrompt(call.prompt());
			}
			if (!span.isRecording()) {
				return;
			}
			this.enrichment.writeIdentity(span, LlmSpanKind.LLM, call);
			if (call.prompt() != null) {
				this.enrichment.writer().writePrompt(span, call.prompt(), this.captureInputs);
			}
			Map<String, Object> parameters = ChatMessageWriter.invocationParameters(options);
			for (LlmSpanConvention convention : this.enrichment.conventions()) {
				convention.invocationParameters(span, parameters);
			}
			if (this.captureInputs && prompt != null) {
				this.messages.writeInput(span, prompt);
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the start of a Spring AI chat call", ex);
		}
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		ObservedCall call = context.get(ObservedCall.class);
		if (call == null) {
			return;
		}
		try {
			Span span = call.span();
			ChatResponse response = context.getResponse();
			if (response == null) {
				this.enrichment.writeUnfinished(span, context);
				return;
			}
			LlmUsage usage = this.recorder.extract(response);
			if (usage != null) {
				this.recorder.record(span, call.provider().genAi(), call.requestModel(), usage, call.traceState(),
						call.prompt());
				this.enrichment.dropRetypedKeyValues(context);
			}
			if (this.captureOutputs && span.isRecording()) {
				this.messages.writeOutput(span, response);
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the end of a Spring AI chat call", ex);
		}
	}

}
