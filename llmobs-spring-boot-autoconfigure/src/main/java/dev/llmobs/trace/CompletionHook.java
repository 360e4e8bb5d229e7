package dev.llmobs.trace;

import io.opentelemetry.api.trace.Span;

import dev.llmobs.context.ChainAccumulator;

/**
 * Runs when a span with an {@link EvaluationSpec} completes successfully, before the span
 * ends.
 */
@FunctionalInterface
public interface CompletionHook {

	/**
	 * The work of the span completed.
	 * @param span the span, still open
	 * @param descriptor the method's descriptor
	 * @param arguments the call's arguments (read only)
	 * @param result the result
	 * @param traceState the trace's state, or {@code null}
	 */
	void completed(Span span, SpanDescriptor descriptor, Object[] arguments, Object result,
			ChainAccumulator traceState);

}
