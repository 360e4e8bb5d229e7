package dev.llmobs.trace;

import java.util.List;

import dev.llmobs.failure.RecordingFailures;

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

	/**
	 * A listener that tells every given listener, in order; one that throws is recorded
	 * as a recording failure and does not keep the others from being told.
	 * @param listeners the listeners, in order
	 * @return the composite ({@link #NONE} when empty, the listener itself when alone)
	 */
	static OperationListener composite(List<? extends OperationListener> listeners) {
		List<OperationListener> all = List.copyOf(listeners);
		if (all.isEmpty()) {
			return NONE;
		}
		if (all.size() == 1) {
			return all.get(0);
		}
		return (descriptor, outcome, durationNanos) -> {
			for (OperationListener listener : all) {
				try {
					listener.operationEnded(descriptor, outcome, durationNanos);
				}
				catch (RuntimeException ex) {
					RecordingFailures.record("an operation listener", ex);
				}
			}
		};
	}

}
