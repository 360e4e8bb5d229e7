package dev.llmobs.sample.model;

import reactor.core.publisher.Flux;

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
	 * Streams the answer to a prompt, chunk by chunk, as it is generated.
	 * @param prompt the prompt
	 * @return the chunks of text
	 */
	Flux<String> stream(SupportPrompt prompt);

	/**
	 * A short label for the UI and the API response.
	 * @return the label
	 */
	String label();

}
