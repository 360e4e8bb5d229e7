package dev.llmobs.trace;

import java.util.List;

/**
 * What {@code @Evaluated} asks for on one method.
 *
 * @param evaluators the evaluator names
 * @param sampleRate the share of calls evaluated
 * @param async whether evaluation runs in the background
 * @param questionIndex the position of the question argument, or -1
 * @param contextIndex the position of the context argument, or -1 for the trace's
 * documents
 */
public record EvaluationSpec(List<String> evaluators, double sampleRate, boolean async, int questionIndex,
		int contextIndex) {

}
