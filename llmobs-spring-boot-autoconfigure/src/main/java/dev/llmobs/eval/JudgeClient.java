package dev.llmobs.eval;

/**
 * The model the {@code llm-judge} evaluator asks. A Spring AI {@code ChatModel} is used
 * when there is one; declare a bean of this type to use another client.
 */
@FunctionalInterface
public interface JudgeClient {

	/**
	 * Asks the judge model.
	 * @param system the instructions
	 * @param user the case to judge
	 * @return the model's raw answer
	 * @throws Exception when the call fails
	 */
	String complete(String system, String user) throws Exception;

}
