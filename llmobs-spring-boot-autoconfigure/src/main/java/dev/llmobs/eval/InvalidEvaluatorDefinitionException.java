package dev.llmobs.eval;

/**
 * An evaluator declared in configuration that cannot be built: its type is neither given
 * nor its name.
 */
public class InvalidEvaluatorDefinitionException extends IllegalArgumentException {

	private final String evaluatorName;

	/**
	 * Creates the exception.
	 * @param evaluatorName the declared evaluator's name
	 */
	public InvalidEvaluatorDefinitionException(String evaluatorName) {
		super("Evaluator '" + evaluatorName + "' has no type and its name is not a built-in type");
		this.evaluatorName = evaluatorName;
	}

	/**
	 * The declared evaluator's name.
	 * @return the name
	 */
	public String evaluatorName() {
		return this.evaluatorName;
	}

}
