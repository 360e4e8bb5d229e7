package dev.llmobs.springai;

import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.Span;

import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.SpanIdentity;

/**
 * What the Spring AI enrichers write alike: the span's identity in both conventions, the
 * end of a call that did not finish, and the removal of Spring AI's string-typed copies
 * of keys written here with their proper types.
 */
final class SpanEnrichment {

	/**
	 * Spring AI writes these as strings; an OpenTelemetry span would then carry the key
	 * twice, once per type. They are written typed by the recorder.
	 */
	private static final String[] RETYPED_KEYS = { "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
			"gen_ai.response.finish_reasons" };

	private final LlmSpanWriter writer;

	SpanEnrichment(LlmSpanWriter writer) {
		this.writer = writer;
	}

	boolean openInference() {
		return this.writer.openInference();
	}

	boolean genAi() {
		return this.writer.genAi();
	}

	LlmSpanWriter writer() {
		return this.writer;
	}

	void writeIdentity(Span span, LlmSpanKind kind, ObservedCall call) {
		ProviderNames provider = call.provider();
		SpanIdentity identity = new SpanIdentity(provider.openInferenceProvider(), call.requestModel(), "", "");
		span.setAllAttributes(LlmSpanTracer.staticAttributes(kind, "", identity, this.writer.conventions()));
		if (openInference() && !provider.openInferenceSystem().isEmpty()) {
			span.setAttribute(LlmObsAttributes.LLM_SYSTEM, provider.openInferenceSystem());
		}
		if (genAi() && !provider.genAi().isEmpty()) {
			span.setAttribute(LlmObsAttributes.GEN_AI_PROVIDER_NAME, provider.genAi());
		}
	}

	void writeUnfinished(Span span, Observation.Context context) {
		if (!span.isRecording()) {
			return;
		}
		Throwable error = context.getError();
		if (error != null) {
			span.setAttribute(LlmObsAttributes.ERROR_TYPE, error.getClass().getName());
		}
		else {
			span.setAttribute(LlmObsAttributes.LLMOBS_CANCELLED, true);
			span.addEvent("llmobs.cancelled");
		}
	}

	void dropRetypedKeyValues(Observation.Context context) {
		if (genAi()) {
			context.removeHighCardinalityKeyValues(RETYPED_KEYS);
		}
	}

}
