package dev.llmobs.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * The extractors in order: the application's, then the framework integrations' (such as
 * Spring AI's), then the reflective one.
 */
public final class UsageExtractors {

	private final List<UsageExtractor> extractors;

	/**
	 * Creates the composite.
	 * @param custom the application's extractors, then the framework integrations',
	 * consulted in this order before the reflective one
	 */
	public UsageExtractors(List<UsageExtractor> custom) {
		List<UsageExtractor> all = new ArrayList<>(custom);
		all.add(new ReflectiveUsageExtractor());
		this.extractors = List.copyOf(all);
	}

	/**
	 * Extracts usage from a response.
	 * @param response the return value, possibly {@code null}
	 * @return the usage, or {@code null} when unknown
	 */
	public LlmUsage extract(Object response) {
		if (response == null || response instanceof CharSequence) {
			return null;
		}
		for (UsageExtractor extractor : this.extractors) {
			LlmUsage usage = extractor.extract(response);
			if (usage != null) {
				return usage;
			}
		}
		return null;
	}

}
