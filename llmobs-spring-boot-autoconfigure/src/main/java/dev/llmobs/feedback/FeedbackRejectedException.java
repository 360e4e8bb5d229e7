package dev.llmobs.feedback;

/**
 * Feedback that was refused, with the reason and the HTTP status that says it.
 */
public final class FeedbackRejectedException extends IllegalArgumentException {

	private final int status;

	/**
	 * Creates the exception.
	 * @param status the HTTP status: 400 bad input, 404 unknown trace, 413 too large, 429
	 * too many
	 * @param message what was wrong, safe to show the caller
	 */
	public FeedbackRejectedException(int status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * The HTTP status.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

}
