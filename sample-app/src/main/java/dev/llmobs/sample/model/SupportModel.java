package dev.llmobs.sample.model;

/**
 * A language model answering support questions.
 */
public interface SupportModel {

	/**
	 * Answers a prompt.
	 * @param prompt the prompt
	 * @return the reply
	 */
	ModelReply answer(SupportPrompt prompt);

	/**
	 * A short label for the UI and the API response.
	 * @return the label
	 */
	String label();

}
