package dev.llmobs.capture;

/**
 * How content is recorded.
 */
public enum CaptureMode {

	/** Redacted text, truncated to the limit. */
	FULL,

	/** {@code sha256:<hex>} of the text, never the text. */
	HASH,

	/** Nothing. */
	NONE

}
