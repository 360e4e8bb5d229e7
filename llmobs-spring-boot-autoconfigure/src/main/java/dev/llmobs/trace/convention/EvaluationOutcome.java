package dev.llmobs.trace.convention;

/**
 * One evaluation result as the conventions write it.
 *
 * @param name the evaluator name
 * @param score the score, or {@code null}
 * @param label the label, or {@code null}
 * @param verdict {@code pass}, {@code fail} or {@code error}
 * @param explanation why, or {@code null}
 */
public record EvaluationOutcome(String name, Double score, String label, String verdict, String explanation) {

}
