package dev.llmobs.eval;

import java.util.Locale;

/**
 * The built-in evaluator types an evaluator can be declared with in configuration.
 */
public enum EvaluatorType {

	/** The answer is not blank. */
	NON_EMPTY,

	/** The answer's length is within bounds. */
	LENGTH,

	/** The answer matches, or does not match, regular expressions. */
	REGEX,

	/** The answer is JSON with the required fields. */
	JSON,

	/** The answer is not a refusal. */
	REFUSAL,

	/** The answer leaks no personal data the question did not hold. */
	PII_LEAK,

	/** The answer's words overlap the retrieved context. */
	CONTEXT_OVERLAP,

	/** A model judges the answer against a rubric. */
	LLM_JUDGE;

	/**
	 * The name used in configuration, such as {@code context-overlap}.
	 * @return the configuration name
	 */
	public String configName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The type named like an evaluator, such as {@code non-empty} (case and separator
	 * insensitive).
	 * @param name the name
	 * @return the type, or {@code null} when no type has that name
	 */
	public static EvaluatorType named(String name) {
		String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		for (EvaluatorType type : values()) {
			if (type.name().equals(normalized)) {
				return type;
			}
		}
		return null;
	}

}
