package dev.llmobs.springai;

import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

import dev.llmobs.context.ChainAccumulator;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.prompt.PromptTemplateInfo;

/**
 * What an enricher learns when a Spring AI observation starts, on the caller's thread,
 * and needs again when it stops, possibly on another thread: the span, the trace's cost
 * accumulator, the provider and the requested model.
 *
 * @param span the observation's span
 * @param traceState the chain root's accumulator, or {@code null} (also for judge calls)
 * @param provider the provider's names
 * @param requestModel the requested model, or empty
 * @param prompt the prompt template declared where the call started, or {@code null}
 */
record ObservedCall(Span span, ChainAccumulator traceState, ProviderNames provider, String requestModel,
		PromptTemplateInfo prompt) {

	/**
	 * Records the start of a call in its observation context.
	 * @param observation the observation's context
	 * @param provider Spring AI's provider name
	 * @param requestModel the requested model, possibly {@code null}
	 * @return the call
	 */
	static ObservedCall start(Observation.Context observation, String provider, String requestModel) {
		Context current = Context.current();
		LlmObsContext llmObs = LlmObsContext.from(current);
		ChainAccumulator traceState = llmObs.isJudge() ? null : ChainAccumulator.from(current);
		ObservedCall call = new ObservedCall(ObservedSpans.of(observation), traceState, ProviderNames.of(provider),
				(requestModel != null) ? requestModel : "", llmObs.prompt());
		observation.put(ObservedCall.class, call);
		return call;
	}

}
