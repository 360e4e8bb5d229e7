package dev.llmobs.springai;

import java.util.Locale;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;

import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;

import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.SpanIdentity;

/**
 * Gives the span of each Spring AI advisor ({@code spring.ai.advisor}) a kind:
 * {@code GUARDRAIL} for a guard (Spring AI's {@code SafeGuardAdvisor}, or any advisor
 * whose name contains "guard"), else {@code CHAIN}. Spring AI's own
 * {@code gen_ai.operation.name=framework} stays: the GenAI conventions define no
 * operation for an advisor. The vector-store spans of retrieval advisors are enriched as
 * {@code RETRIEVER} spans by {@link VectorStoreObservationEnricher}.
 */
public final class AdvisorObservationEnricher implements ObservationHandler<AdvisorObservationContext> {

	private final Attributes chain;

	private final Attributes guardrail;

	/**
	 * Creates the enricher.
	 * @param writer the span writer (conventions)
	 */
	public AdvisorObservationEnricher(LlmSpanWriter writer) {
		this.chain = LlmSpanTracer.staticAttributes(LlmSpanKind.CHAIN, "", SpanIdentity.NONE, writer.conventions());
		this.guardrail = LlmSpanTracer.staticAttributes(LlmSpanKind.GUARDRAIL, "", SpanIdentity.NONE,
				writer.conventions());
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof AdvisorObservationContext;
	}

	@Override
	public void onStart(AdvisorObservationContext context) {
		try {
			Span span = ObservedSpans.of(context);
			if (span.isRecording()) {
				span.setAllAttributes(isGuardrail(context.getAdvisorName()) ? this.guardrail : this.chain);
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the start of a Spring AI advisor", ex);
		}
	}

	static boolean isGuardrail(String advisorName) {
		return advisorName != null && advisorName.toLowerCase(Locale.ROOT).contains("guard");
	}

}
