package dev.llmobs.eval;

/**
 * Scores an answer. Declare beans of this type to add evaluators; {@code @Evaluated}
 * finds them by {@link #name()}.
 */
public interface Evaluator {

	/**
	 * The name {@code @Evaluated} refers to.
	 * @return the name
	 */
	String name();

	/**
	 * Evaluates one answer. Throwing is recorded as an {@code error} verdict.
	 * @param input what to judge
	 * @return the result
	 * @throws Exception when the evaluation cannot be done
	 */
	EvaluationResult evaluate(EvaluationInput input) throws Exception;

}
