package dev.llmobs.eval;

import java.util.List;

import dev.llmobs.failure.RecordingFailures;

/**
 * Told about evaluation outcomes, for metrics. Must be cheap and never throw.
 */
public interface EvaluationListener {

	/** Ignores everything. */
	EvaluationListener NONE = new EvaluationListener() {
	};

	/**
	 * One evaluation produced a result (including {@code error}).
	 * @param result the result
	 */
	default void evaluated(EvaluationResult result) {
	}

	/**
	 * One evaluation of a call made with a prompt template of a declared version produced
	 * a result.
	 * @param result the result
	 * @param promptVersion the prompt template's version, or {@code null}
	 */
	default void evaluated(EvaluationResult result, String promptVersion) {
		evaluated(result);
	}

	/**
	 * One evaluation produced a result: the method recorders call. The default hands the
	 * event to {@link #evaluated(EvaluationResult, String)}, so listeners written against
	 * the older methods keep working; new listeners override this one only.
	 * @param event the result and the prompt version it was made with
	 */
	default void evaluated(EvaluationEvent event) {
		evaluated(event.result(), event.promptVersion());
	}

	/**
	 * An evaluation was skipped because the executor was saturated.
	 * @param evaluator the evaluator name
	 */
	default void skipped(String evaluator) {
	}

	/**
	 * A listener that tells every given listener, in order; one that throws is recorded
	 * as a recording failure and does not keep the others from being told.
	 * @param listeners the listeners, in order
	 * @return the composite ({@link #NONE} when empty, the listener itself when alone)
	 */
	static EvaluationListener composite(List<? extends EvaluationListener> listeners) {
		List<EvaluationListener> all = List.copyOf(listeners);
		if (all.isEmpty()) {
			return NONE;
		}
		if (all.size() == 1) {
			return all.get(0);
		}
		return new EvaluationListener() {

			@Override
			public void evaluated(EvaluationEvent event) {
				for (EvaluationListener listener : all) {
					try {
						listener.evaluated(event);
					}
					catch (RuntimeException ex) {
						RecordingFailures.record("an evaluation listener", ex);
					}
				}
			}

			@Override
			public void evaluated(EvaluationResult result, String promptVersion) {
				evaluated(new EvaluationEvent(result, promptVersion));
			}

			@Override
			public void evaluated(EvaluationResult result) {
				evaluated(new EvaluationEvent(result, null));
			}

			@Override
			public void skipped(String evaluator) {
				for (EvaluationListener listener : all) {
					try {
						listener.skipped(evaluator);
					}
					catch (RuntimeException ex) {
						RecordingFailures.record("an evaluation listener", ex);
					}
				}
			}

		};
	}

}
