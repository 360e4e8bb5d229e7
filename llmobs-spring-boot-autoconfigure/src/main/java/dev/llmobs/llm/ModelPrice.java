package dev.llmobs.llm;

/**
 * The price of a model in USD per million tokens.
 *
 * @param inputPerMillion price of prompt tokens
 * @param outputPerMillion price of completion tokens
 * @param cachedInputPerMillion price of cached prompt tokens, or {@code null} to use the
 * input price
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion, Double cachedInputPerMillion) {

	/**
	 * The cost of a call.
	 * @param usage the call's usage
	 * @return the cost
	 */
	public LlmCost cost(LlmUsage usage) {
		long input = (usage.inputTokens() != null) ? usage.inputTokens() : 0;
		long cached = (usage.cachedInputTokens() != null && this.cachedInputPerMillion != null)
				? Math.min(usage.cachedInputTokens(), input) : 0;
		long output = (usage.outputTokens() != null) ? usage.outputTokens() : 0;
		double prompt = ((input - cached) * this.inputPerMillion
				+ cached * ((this.cachedInputPerMillion != null) ? this.cachedInputPerMillion : 0)) / 1_000_000.0;
		double completion = output * this.outputPerMillion / 1_000_000.0;
		return new LlmCost(prompt, completion);
	}

}
