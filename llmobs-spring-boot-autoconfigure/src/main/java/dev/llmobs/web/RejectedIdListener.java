package dev.llmobs.web;

/**
 * Told when a session or user id is rejected, for metrics; never given the value.
 */
@FunctionalInterface
public interface RejectedIdListener {

	/** Ignores rejections. */
	RejectedIdListener NONE = (field, reason) -> {
	};

	/**
	 * One value was rejected.
	 * @param field {@code session} or {@code user}
	 * @param reason {@code empty}, {@code too-long} or {@code invalid-characters}
	 */
	void rejected(String field, String reason);

}
