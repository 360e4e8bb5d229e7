package dev.llmobs.eval;

import java.util.List;

/**
 * An evaluator declared without code: its name, its type and the settings of that type.
 * Settings left {@code null} take the type's default.
 *
 * @param name the evaluator's name, as used in {@code @Evaluated}
 * @param enabled whether it runs; {@code false} also switches off a built-in of the same
 * name
 * @param type the built-in type, or {@code null} when the name is the type
 * @param threshold the passing score (context-overlap, llm-judge)
 * @param minLength the shortest passing answer (length)
 * @param maxLength the longest passing answer (length)
 * @param mustMatch the expression the answer must match (regex)
 * @param mustNotMatch the expression the answer must not match (regex)
 * @param requiredFields the fields a JSON answer must have (json)
 * @param rubric what the judge checks (llm-judge)
 * @param scale the judge's highest score (llm-judge)
 */
public record EvaluatorDefinition(String name, boolean enabled, EvaluatorType type, Double threshold, Integer minLength,
		Integer maxLength, String mustMatch, String mustNotMatch, List<String> requiredFields, String rubric,
		Double scale) {

	/**
	 * The declared type, else the type named like the evaluator.
	 * @return the type, or {@code null} when neither names one
	 */
	public EvaluatorType effectiveType() {
		return (this.type != null) ? this.type : EvaluatorType.named(this.name);
	}

}
