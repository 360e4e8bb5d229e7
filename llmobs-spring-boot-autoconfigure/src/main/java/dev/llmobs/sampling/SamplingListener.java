package dev.llmobs.sampling;

import java.util.List;

import dev.llmobs.failure.RecordingFailures;

/**
 * Told about each tail-sampling decision, for metrics. Must be cheap and never throw.
 */
@FunctionalInterface
public interface SamplingListener {

	/** Ignores everything. */
	SamplingListener NONE = (kept, reason, forced, spans) -> {
	};

	/**
	 * One trace was decided.
	 * @param kept whether it is exported
	 * @param reason why it was kept ({@code none} when dropped)
	 * @param forced whether a memory limit forced the decision early
	 * @param spans the spans decided with it
	 */
	void decided(boolean kept, String reason, boolean forced, int spans);

	/**
	 * A listener that tells every given listener, in order; one that throws is recorded
	 * as a recording failure and does not keep the others from being told.
	 * @param listeners the listeners, in order
	 * @return the composite ({@link #NONE} when empty, the listener itself when alone)
	 */
	static SamplingListener composite(List<? extends SamplingListener> listeners) {
		List<SamplingListener> all = List.copyOf(listeners);
		if (all.isEmpty()) {
			return NONE;
		}
		if (all.size() == 1) {
			return all.get(0);
		}
		return (kept, reason, forced, spans) -> {
			for (SamplingListener listener : all) {
				try {
					listener.decided(kept, reason, forced, spans);
				}
				catch (RuntimeException ex) {
					RecordingFailures.record("a sampling listener", ex);
				}
			}
		};
	}

}
