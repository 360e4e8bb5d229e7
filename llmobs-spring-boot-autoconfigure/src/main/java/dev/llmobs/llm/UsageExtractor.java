package dev.llmobs.llm;

/**
 * Reads token usage, response model and finish reasons from an {@code @LlmCall} method's
 * return value. Declare beans to support your client's response type; they are consulted
 * before the built-in extractors.
 */
@FunctionalInterface
public interface UsageExtractor {

	/**
	 * Extracts what the response says.
	 * @param response the return value, not {@code null}
	 * @return the usage, or {@code null} when this extractor does not know the type
	 */
	LlmUsage extract(Object response);

}
