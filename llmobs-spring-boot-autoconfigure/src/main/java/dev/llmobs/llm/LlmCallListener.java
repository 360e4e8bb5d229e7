package dev.llmobs.llm;

/**
 * Told about every recorded model call, for metrics. Must be cheap and never throw.
 */
@FunctionalInterface
public interface LlmCallListener {

	/** Ignores everything. */
	LlmCallListener NONE = (provider, model, usage, cost, truncated) -> {
	};

	/**
	 * One call was recorded.
	 * @param provider the provider, or {@code null}
	 * @param model the requested (or else response) model, or {@code null}
	 * @param usage the usage
	 * @param cost the cost, or {@code null} when the model is not priced
	 * @param truncated whether the output hit the token limit
	 */
	void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated);

	/**
	 * One call was recorded, made with a prompt template of a declared version.
	 * @param provider the provider, or {@code null}
	 * @param model the requested (or else response) model, or {@code null}
	 * @param usage the usage
	 * @param cost the cost, or {@code null} when the model is not priced
	 * @param truncated whether the output hit the token limit
	 * @param promptVersion the prompt template's version, or {@code null}
	 */
	default void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated,
			String promptVersion) {
		recorded(provider, model, usage, cost, truncated);
	}

}
