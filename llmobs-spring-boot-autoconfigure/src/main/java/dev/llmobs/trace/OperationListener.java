package dev.llmobs.trace;

/**
 * Told when an annotated operation ends, for metrics. Must be cheap and never throw.
 */
@FunctionalInterface
public interface OperationListener {

	/** Ignores everything. */
	OperationListener NONE = (descriptor, outcome, durationNanos) -> {
	};

	/**
	 * One operation ended.
	 * @param descriptor the method's descriptor
	 * @param outcome {@code success}, {@code error} or {@code cancelled}
	 * @param durationNanos how long it took
	 */
	void operationEnded(SpanDescriptor descriptor, String outcome, long durationNanos);

}
