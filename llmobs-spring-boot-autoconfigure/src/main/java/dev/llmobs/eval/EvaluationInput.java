package dev.llmobs.eval;

import java.util.List;
import java.util.Map;

/**
 * What an evaluator judges.
 *
 * @param question the question (text of the question argument), or {@code null}
 * @param answer the answer (text of the return value), or {@code null}
 * @param context the context documents' contents
 * @param metadata the metadata in effect
 * @param traceId the target span's trace id
 * @param spanId the target span's id
 */
public record EvaluationInput(String question, String answer, List<String> context, Map<String, Object> metadata,
		String traceId, String spanId) {

}
