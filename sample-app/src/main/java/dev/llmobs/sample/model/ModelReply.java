package dev.llmobs.sample.model;

/**
 * A model's answer with the usage it reports, read by llmobs from the {@code usage}
 * property.
 *
 * @param text the answer
 * @param model the model that answered
 * @param usage the token counts
 */
public record ModelReply(String text, String model, Usage usage) {

	/**
	 * Token counts.
	 *
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 */
	public record Usage(long inputTokens, long outputTokens) {

	}

}
