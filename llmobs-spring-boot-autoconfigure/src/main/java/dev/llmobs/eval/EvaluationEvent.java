package dev.llmobs.eval;

/**
 * One evaluation result as listeners receive it, so that adding a detail adds a component
 * here rather than an overload to {@link EvaluationListener}.
 *
 * @param result the result (including {@code error})
 * @param promptVersion the declared version of the prompt template the evaluated call was
 * made with, or {@code null}
 */
public record EvaluationEvent(EvaluationResult result, String promptVersion) {

}
