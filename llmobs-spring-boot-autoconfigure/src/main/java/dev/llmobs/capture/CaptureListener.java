package dev.llmobs.capture;

/**
 * Receives what capture did, for metrics. All methods default to doing nothing and must
 * be cheap and never throw.
 */
public interface CaptureListener {

	/** A listener that ignores everything. */
	CaptureListener NONE = new CaptureListener() {
	};

	/**
	 * A value was cut at the limit.
	 */
	default void truncated() {
	}

	/**
	 * Matches of one detector were replaced.
	 * @param kind the detector
	 * @param count how many matches
	 */
	default void redacted(RedactionKind kind, int count) {
	}

	/**
	 * A value could not be serialized and was replaced by a marker.
	 * @param type the value's type
	 */
	default void failed(Class<?> type) {
	}

}
