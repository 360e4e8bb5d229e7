package dev.llmobs.annotation;

/**
 * Per-annotation override of content capture for inputs or outputs.
 */
public enum Capture {

	/**
	 * Follow the global setting ({@code llmobs.capture.inputs} /
	 * {@code llmobs.capture.outputs}).
	 */
	INHERIT,

	/**
	 * Capture for this method even if the global setting is off (the global capture mode
	 * and redaction still apply).
	 */
	ON,

	/**
	 * Never capture for this method.
	 */
	OFF

}
