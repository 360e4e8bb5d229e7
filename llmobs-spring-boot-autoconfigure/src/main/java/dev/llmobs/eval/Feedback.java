package dev.llmobs.eval;

/**
 * A user's feedback on an answer, attached to the trace that produced it.
 *
 * @param traceId the trace id (32 lower-case hex characters)
 * @param name what was rated, such as {@code thumbs} or {@code helpfulness}
 * @param score the score ({@code 1}/{@code 0} for a boolean), or {@code null} for a label
 * @param label the label, or {@code null} for a boolean or a number
 * @param verdict pass or fail
 * @param comment the user's comment, redacted and bounded, or {@code null}
 * @param receivedEpochMillis when it arrived
 */
public record Feedback(String traceId, String name, Double score, String label, Verdict verdict, String comment,
		long receivedEpochMillis) {

	/**
	 * The feedback as an evaluation result, for metrics and records.
	 * @return the result, named {@code feedback.<name>}
	 */
	public EvaluationResult asEvaluation() {
		return new EvaluationResult(evaluationName(), this.score, this.label, this.verdict, this.comment);
	}

	/**
	 * The evaluation name feedback is recorded under: {@code feedback.<name>}.
	 * @return the name
	 */
	public String evaluationName() {
		return "feedback." + this.name;
	}

}
