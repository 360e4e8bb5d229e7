package dev.llmobs.llm;

import java.util.List;

/**
 * What a model response says about itself. Any field may be {@code null}.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param cachedInputTokens prompt tokens read from the provider's cache (part of the
 * input)
 * @param responseModel the model that answered
 * @param finishReasons why generation stopped, per choice
 * @param outputText the generated text, when known
 */
public record LlmUsage(Long inputTokens, Long outputTokens, Long cachedInputTokens, String responseModel,
		List<String> finishReasons, String outputText) {

	/**
	 * Usage from token counts only.
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 * @return the usage
	 */
	public static LlmUsage of(long inputTokens, long outputTokens) {
		return new LlmUsage(inputTokens, outputTokens, null, null, List.of(), null);
	}

	/**
	 * The total, when both counts are known.
	 * @return input plus output, or {@code null}
	 */
	public Long totalTokens() {
		return (this.inputTokens != null && this.outputTokens != null) ? this.inputTokens + this.outputTokens : null;
	}

}
