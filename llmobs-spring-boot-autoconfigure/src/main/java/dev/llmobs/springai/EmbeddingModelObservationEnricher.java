package dev.llmobs.springai;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.opentelemetry.api.trace.Span;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;

import dev.llmobs.capture.ContentCapture;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.convention.LlmSpanConvention;

/**
 * Turns the span of each Spring AI embedding model call into an OpenInference
 * {@code EMBEDDING} span: model, provider, the embedded texts (captured like any input,
 * within the attribute budget), token usage and cost; and meters the tokens.
 */
public final class EmbeddingModelObservationEnricher implements ObservationHandler<EmbeddingModelObservationContext> {

	private final SpanEnrichment enrichment;

	private final LlmCallRecorder recorder;

	private final boolean captureInputs;

	/**
	 * Creates the enricher.
	 * @param writer the span writer (capture, conventions, attribute budget)
	 * @param recorder records usage and cost
	 * @param captureInputs whether the embedded texts are recorded
	 */
	public EmbeddingModelObservationEnricher(LlmSpanWriter writer, LlmCallRecorder recorder, boolean captureInputs) {
		this.enrichment = new SpanEnrichment(writer);
		this.recorder = recorder;
		this.captureInputs = captureInputs;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof EmbeddingModelObservationContext;
	}

	@Override
	public void onStart(EmbeddingModelObservationContext context) {
		try {
			EmbeddingRequest request = context.getRequest();
			String model = (request != null && request.getOptions() != null) ? request.getOptions().getModel() : null;
			ObservedCall call = ObservedCall.start(context, context.getOperationMetadata().provider(), model);
			Span span = call.span();
			if (!span.isRecording()) {
				return;
			}
			this.enrichment.writeIdentity(span, LlmSpanKind.EMBEDDING, call);
			if (this.captureInputs && this.enrichment.writer().writesContent(LlmSpanKind.EMBEDDING)
					&& request != null) {
				writeTexts(span, request.getInstructions());
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the start of a Spring AI embedding call", ex);
		}
	}

	private void writeTexts(Span span, List<String> texts) {
		ContentCapture capture = this.enrichment.writer().capture();
		int limit = Math.min(texts.size(), this.enrichment.writer().flattenedAttributeBudget());
		List<String> captured = new ArrayList<>(limit);
		for (int i = 0; i < limit; i++) {
			captured.add(capture.captureText((texts.get(i) != null) ? texts.get(i) : ""));
		}
		for (LlmSpanConvention convention : this.enrichment.conventions()) {
			convention.embeddingInputs(span, captured);
		}
	}

	@Override
	public void onStop(EmbeddingModelObservationContext context) {
		ObservedCall call = context.get(ObservedCall.class);
		if (call == null) {
			return;
		}
		try {
			EmbeddingResponse response = context.getResponse();
			if (response == null) {
				this.enrichment.writeUnfinished(call.span(), context);
				return;
			}
			LlmUsage usage = usageOf(response.getMetadata());
			if (usage != null) {
				this.recorder.record(call.span(), call.provider().genAi(), call.requestModel(), usage,
						call.traceState(), null);
				this.enrichment.dropRetypedKeyValues(context);
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the end of a Spring AI embedding call", ex);
		}
	}

	private static LlmUsage usageOf(EmbeddingResponseMetadata metadata) {
		Usage usage = (metadata != null) ? metadata.getUsage() : null;
		if (usage == null || usage.getPromptTokens() == null || usage.getPromptTokens() <= 0) {
			return null;
		}
		String model = (metadata.getModel() != null && !metadata.getModel().isEmpty()) ? metadata.getModel() : null;
		return new LlmUsage(usage.getPromptTokens().longValue(), null, null, model, List.of(), null);
	}

}
