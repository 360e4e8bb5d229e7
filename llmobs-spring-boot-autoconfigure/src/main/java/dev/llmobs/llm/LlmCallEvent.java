package dev.llmobs.llm;

/**
 * One recorded model call as listeners receive it, so that adding a detail adds a
 * component here rather than an overload to {@link LlmCallListener}.
 *
 * @param provider the provider, or {@code null}
 * @param model the requested (or else response) model, or {@code null}
 * @param usage the usage
 * @param cost the cost, or {@code null} when the model is not priced
 * @param truncated whether the output hit the token limit
 * @param promptVersion the declared version of the prompt template in use, or
 * {@code null}
 */
public record LlmCallEvent(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated,
		String promptVersion) {

}
