package dev.llmobs.eval;

/**
 * The result of one evaluation.
 *
 * @param name the evaluator name
 * @param score the score from 0 to 1, or {@code null}
 * @param label a label such as {@code grounded} or {@code refusal}, or {@code null}
 * @param verdict pass, fail or error
 * @param explanation why, or {@code null}
 */
public record EvaluationResult(String name, Double score, String label, Verdict verdict, String explanation) {

	/**
	 * A passing result.
	 * @param name the evaluator name
	 * @param score the score
	 * @param explanation why
	 * @return the result
	 */
	public static EvaluationResult pass(String name, double score, String explanation) {
		return new EvaluationResult(name, score, null, Verdict.PASS, explanation);
	}

	/**
	 * A failing result.
	 * @param name the evaluator name
	 * @param score the score
	 * @param explanation why
	 * @return the result
	 */
	public static EvaluationResult fail(String name, double score, String explanation) {
		return new EvaluationResult(name, score, null, Verdict.FAIL, explanation);
	}

	/**
	 * An evaluator error: not a score.
	 * @param name the evaluator name
	 * @param explanation what went wrong
	 * @return the result
	 */
	public static EvaluationResult error(String name, String explanation) {
		return new EvaluationResult(name, null, "error", Verdict.ERROR, explanation);
	}

	/**
	 * A copy with a label.
	 * @param label the label
	 * @return the result
	 */
	public EvaluationResult withLabel(String label) {
		return new EvaluationResult(this.name, this.score, label, this.verdict, this.explanation);
	}

}
