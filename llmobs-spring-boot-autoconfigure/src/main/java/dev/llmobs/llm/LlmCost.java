package dev.llmobs.llm;

/**
 * The cost of one call in USD.
 *
 * @param prompt the prompt tokens' cost
 * @param completion the completion tokens' cost
 */
public record LlmCost(double prompt, double completion) {

	/**
	 * The total.
	 * @return prompt plus completion
	 */
	public double total() {
		return this.prompt + this.completion;
	}

}
