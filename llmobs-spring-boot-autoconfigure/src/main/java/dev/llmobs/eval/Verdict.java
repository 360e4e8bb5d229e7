package dev.llmobs.eval;

import java.util.Locale;

/**
 * The outcome of one evaluation.
 */
public enum Verdict {

	/** The answer passed. */
	PASS,

	/** The answer failed. */
	FAIL,

	/**
	 * The evaluator could not judge (it threw, timed out, or the judge answered
	 * nonsense).
	 */
	ERROR;

	private final String value = name().toLowerCase(Locale.ROOT);

	/**
	 * The lower-case value written to spans and metric tags.
	 * @return {@code pass}, {@code fail} or {@code error}
	 */
	public String value() {
		return this.value;
	}

}
