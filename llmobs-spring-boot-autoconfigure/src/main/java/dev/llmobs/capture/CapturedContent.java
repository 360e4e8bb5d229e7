package dev.llmobs.capture;

/**
 * Captured attribute text.
 *
 * @param text the text (never {@code null})
 * @param mimeType {@code text/plain} or {@code application/json}
 * @param truncated whether the text was cut at the limit
 */
public record CapturedContent(String text, String mimeType, boolean truncated) {

	/** Mime type of plain text. */
	public static final String TEXT = "text/plain";

	/** Mime type of JSON. */
	public static final String JSON = "application/json";

}
