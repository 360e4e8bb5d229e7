package dev.llmobs.trace;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.opentelemetry.api.trace.Span;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.llmobs.context.ChainAccumulator;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.llm.LlmCallEvent;
import dev.llmobs.llm.LlmCallListener;
import dev.llmobs.llm.LlmCost;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.llm.ModelPrice;
import dev.llmobs.llm.PricingTable;
import dev.llmobs.llm.UsageExtractors;
import dev.llmobs.prompt.PromptTemplateInfo;
import dev.llmobs.trace.convention.LlmSpanConvention;
import dev.llmobs.trace.convention.LlmSpanConventions;

/**
 * Writes what a model call reports on its LLM span: typed token counts, response model,
 * finish reasons, cost (and the chain root's total), and the truncation signal; and tells
 * the metrics.
 */
public final class LlmCallRecorder {

	private static final Log logger = LogFactory.getLog(LlmCallRecorder.class);

	private static final Set<String> TOKEN_LIMIT_REASONS = Set.of("length", "max_tokens", "max_output_tokens",
			"token_limit", "model_length");

	private final UsageExtractors extractors;

	private final PricingTable pricing;

	private final LlmCallListener listener;

	private final List<LlmSpanConvention> conventions;

	/**
	 * Creates a recorder that writes the default conventions.
	 * @param extractors read usage from responses
	 * @param pricing prices models
	 * @param listener told about each call
	 */
	public LlmCallRecorder(UsageExtractors extractors, PricingTable pricing, LlmCallListener listener) {
		this(extractors, pricing, listener, LlmSpanConventions.defaults());
	}

	/**
	 * Creates a recorder.
	 * @param extractors read usage from responses
	 * @param pricing prices models
	 * @param listener told about each call
	 * @param conventions the conventions usage and cost are written in
	 */
	public LlmCallRecorder(UsageExtractors extractors, PricingTable pricing, LlmCallListener listener,
			LlmSpanConventions conventions) {
		this.extractors = extractors;
		this.pricing = pricing;
		this.listener = listener;
		this.conventions = conventions.all();
	}

	/**
	 * Reads a response's usage.
	 * @param response the return value
	 * @return the usage, or {@code null}
	 */
	public LlmUsage extract(Object response) {
		return this.extractors.extract(response);
	}

	/**
	 * Records a call's usage on its span.
	 * @param span the LLM span
	 * @param provider the provider from the annotation, or empty
	 * @param requestModel the requested model from the annotation, or empty
	 * @param usage the usage
	 * @param traceState the chain root's accumulator, or {@code null}
	 */
	public void record(Span span, String provider, String requestModel, LlmUsage usage, ChainAccumulator traceState) {
		record(span, provider, requestModel, usage, traceState, LlmObsContext.current().prompt());
	}

	private static boolean stoppedAtTokenLimit(List<String> reasons) {
		if (reasons == null) {
			return false;
		}
		for (String reason : reasons) {
			if (TOKEN_LIMIT_REASONS.contains(reason.toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Records a call's usage on its span, for a call made with a given prompt template.
	 * @param span the LLM span
	 * @param provider the provider, or empty
	 * @param requestModel the requested model, or empty
	 * @param usage the usage
	 * @param traceState the chain root's accumulator, or {@code null}
	 * @param prompt the prompt template in use when the call started, or {@code null}
	 */
	public void record(Span span, String provider, String requestModel, LlmUsage usage, ChainAccumulator traceState,
			PromptTemplateInfo prompt) {
		for (LlmSpanConvention convention : this.conventions) {
			convention.usage(span, usage);
		}
		List<String> reasons = usage.finishReasons();
		boolean truncated = stoppedAtTokenLimit(reasons);
		if (truncated) {
			span.setAttribute(LlmObsAttributes.LLMOBS_TRUNCATED, true);
			span.addEvent("llmobs.truncated");
		}
		String model = !requestModel.isEmpty() ? requestModel : usage.responseModel();
		boolean counted = usage.inputTokens() != null || usage.outputTokens() != null;
		// Without token counts there is nothing to price: no cost, rather than a cost of
		// 0.
		LlmCost cost = counted ? price(model, usage.responseModel(), usage) : null;
		if (cost != null) {
			for (LlmSpanConvention convention : this.conventions) {
				convention.cost(span, cost);
			}
			if (traceState != null && !LlmObsContext.current().isJudge()) {
				traceState.add(cost.total());
			}
		}
		else if (counted && logger.isDebugEnabled()) {
			logger.debug("llmobs has no price for model '" + model + "'; set llmobs.pricing.models");
		}
		this.listener.recorded(new LlmCallEvent(provider.isEmpty() ? null : provider, model, usage, cost, truncated,
				(prompt != null) ? prompt.version() : null));
	}

	private LlmCost price(String model, String responseModel, LlmUsage usage) {
		ModelPrice price = this.pricing.priceOf(responseModel).or(() -> this.pricing.priceOf(model)).orElse(null);
		return (price != null) ? price.cost(usage) : null;
	}

}
