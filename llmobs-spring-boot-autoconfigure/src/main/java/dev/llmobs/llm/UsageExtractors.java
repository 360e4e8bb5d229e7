package dev.llmobs.llm;

import java.util.ArrayList;
import java.util.List;

import dev.llmobs.springai.SpringAiUsageExtractor;

/**
 * The extractors in order: the application's, Spring AI's when present, then the
 * reflective one.
 */
public final class UsageExtractors {

	private static final boolean SPRING_AI_PRESENT = isPresent("org.springframework.ai.chat.model.ChatResponse");

	private final List<UsageExtractor> extractors;

	/**
	 * Creates the composite.
	 * @param custom the application's extractors, consulted first
	 */
	public UsageExtractors(List<UsageExtractor> custom) {
		List<UsageExtractor> all = new ArrayList<>(custom);
		if (SPRING_AI_PRESENT) {
			all.add(new SpringAiUsageExtractor());
		}
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

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, UsageExtractors.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
