package dev.llmobs.sample.web;

import java.util.List;

/**
 * The API's answer.
 *
 * @param answer the text
 * @param sources the articles used, with their scores
 * @param model which model answered
 * @param traceId the trace to look up in any backend, or in /actuator/llmobs
 */
public record ChatReply(String answer, List<Source> sources, String model, String traceId) {

	/**
	 * One article used.
	 *
	 * @param id the article id
	 * @param title the title
	 * @param score the retrieval score
	 */
	public record Source(String id, String title, double score) {

	}

}
