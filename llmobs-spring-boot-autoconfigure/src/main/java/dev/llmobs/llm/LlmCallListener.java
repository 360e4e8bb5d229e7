package dev.llmobs.llm;

import java.util.List;

import dev.llmobs.failure.RecordingFailures;

/**
 * Told about every recorded model call, for metrics. Must be cheap and never throw.
 */
@FunctionalInterface
public interface LlmCallListener {

	/** Ignores everything. */
	LlmCallListener NONE = (provider, model, usage, cost, truncated) -> {
	};

	/**
	 * One call was recorded.
	 * @param provider the provider, or {@code null}
	 * @param model the requested (or else response) model, or {@code null}
	 * @param usage the usage
	 * @param cost the cost, or {@code null} when the model is not priced
	 * @param truncated whether the output hit the token limit
	 */
	void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated);

	/**
	 * One call was recorded, made with a prompt template of a declared version.
	 * @param provider the provider, or {@code null}
	 * @param model the requested (or else response) model, or {@code null}
	 * @param usage the usage
	 * @param cost the cost, or {@code null} when the model is not priced
	 * @param truncated whether the output hit the token limit
	 * @param promptVersion the prompt template's version, or {@code null}
	 */
	default void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated,
			String promptVersion) {
		recorded(provider, model, usage, cost, truncated);
	}

	/**
	 * One call was recorded: the method recorders call. The default hands the event to
	 * the six-argument {@code recorded}, so listeners written against the older methods
	 * keep working.
	 * @param event the recorded call
	 */
	default void recorded(LlmCallEvent event) {
		recorded(event.provider(), event.model(), event.usage(), event.cost(), event.truncated(),
				event.promptVersion());
	}

	/**
	 * A listener that tells every given listener, in order; one that throws is recorded
	 * as a recording failure and does not keep the others from being told.
	 * @param listeners the listeners, in order
	 * @return the composite ({@link #NONE} when empty, the listener itself when alone)
	 */
	static LlmCallListener composite(List<? extends LlmCallListener> listeners) {
		List<LlmCallListener> all = List.copyOf(listeners);
		if (all.isEmpty()) {
			return NONE;
		}
		if (all.size() == 1) {
			return all.get(0);
		}
		return new LlmCallListener() {

			@Override
			public void recorded(LlmCallEvent event) {
				for (LlmCallListener listener : all) {
					try {
						listener.recorded(event);
					}
					catch (RuntimeException ex) {
						RecordingFailures.record("a model-call listener", ex);
					}
				}
			}

			@Override
			public void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated,
					String promptVersion) {
				recorded(new LlmCallEvent(provider, model, usage, cost, truncated, promptVersion));
			}

			@Override
			public void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated) {
				recorded(new LlmCallEvent(provider, model, usage, cost, truncated, null));
			}

		};
	}

}
