package dev.llmobs.capture;

import java.util.List;
import java.util.Set;

/**
 * Options of one {@link ContentCapture}.
 *
 * @param mode how content is recorded
 * @param maxLength the maximum length of recorded text, in characters
 * @param redactor the redaction applied before truncation
 */
public record CaptureOptions(CaptureMode mode, int maxLength, Redactor redactor) {

	/**
	 * Validates the options.
	 * @param mode how content is recorded
	 * @param maxLength the maximum length
	 * @param redactor the redactor
	 */
	public CaptureOptions {
		if (maxLength < 1) {
			throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
		}
	}

	/**
	 * The defaults: full capture, 4000 characters, secrets and card numbers redacted.
	 * @return the default options
	 */
	public static CaptureOptions defaults() {
		return new CaptureOptions(CaptureMode.FULL, 4000,
				Redactor.of(Set.of(RedactionKind.SECRETS, RedactionKind.CREDIT_CARDS), List.of()));
	}

}
