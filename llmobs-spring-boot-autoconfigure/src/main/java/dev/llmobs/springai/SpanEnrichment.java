package dev.llmobs.springai;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.Span;

import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.convention.LlmSpanConvention;
import dev.llmobs.trace.convention.ModelProvider;

/**
 * What the Spring AI enrichers write alike: the span's identity in both conventions, the
 * end of a call that did not finish, and the removal of Spring AI's string-typed copies
 * of keys written here with their proper types.
 */
final class SpanEnrichment {

	private final LlmSpanWriter writer;

	private final List<LlmSpanConvention> conventions;

	/**
	 * Spring AI writes these as strings; an OpenTelemetry span would then carry the key
	 * twice, once per type. They are written typed by the recorder.
	 */
	private final String[] retypedKeys;

	SpanEnrichment(LlmSpanWriter writer) {
		this.writer = writer;
		this.conventions = writer.conventions().all();
		Set<String> retyped = new LinkedHashSet<>();
		this.conventions.forEach((convention) -> retyped.addAll(convention.retypedKeys()));
		this.retypedKeys = retyped.toArray(String[]::new);
	}

	List<LlmSpanConvention> conventions() {
		return this.conventions;
	}

	LlmSpanWriter writer() {
		return this.writer;
	}

	void writeIdentity(Span span, LlmSpanKind kind, ObservedCall call) {
		ProviderNames provider = call.provider();
		SpanIdentity identity = new SpanIdentity(provider.openInferenceProvider(), call.requestModel(), "", "");
		span.setAllAttributes(LlmSpanTracer.staticAttributes(kind, "", identity, this.writer.conventions()));
		ModelProvider names = provider.modelProvider();
		for (LlmSpanConvention convention : this.conventions) {
			convention.provider(span, kind, names);
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
		if (this.retypedKeys.length > 0) {
			context.removeHighCardinalityKeyValues(this.retypedKeys);
		}
	}

}
