package dev.llmobs.sampling;

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

}
