package dev.llmobs.eval;

/**
 * Told about evaluation outcomes, for metrics. Must be cheap and never throw.
 */
public interface EvaluationListener {

	/** Ignores everything. */
	EvaluationListener NONE = new EvaluationListener() {
	};

	/**
	 * One evaluation produced a result (including {@code error}).
	 * @param result the result
	 */
	default void evaluated(EvaluationResult result) {
	}

	/**
	 * One evaluation of a call made with a prompt template of a declared version produced
	 * a result.
	 * @param result the result
	 * @param promptVersion the prompt template's version, or {@code null}
	 */
	default void evaluated(EvaluationResult result, String promptVersion) {
		evaluated(result);
	}

	/**
	 * An evaluation was skipped because the executor was saturated.
	 * @param evaluator the evaluator name
	 */
	default void skipped(String evaluator) {
	}

}
