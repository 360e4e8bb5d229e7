package dev.llmobs.trace;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.capture.ContentCapture;

/**
 * Collects the elements of a streamed result (a {@code Flux} or a {@code Stream}) into
 * one output, keeping no more than the capture limit: text chunks are concatenated, other
 * elements become a JSON array. Elements past the limit are counted, not kept.
 */
public final class StreamedOutput {

	private static final int LOOKAHEAD = 256;

	private final ContentCapture capture;

	private final int keep;

	private final StringBuilder text = new StringBuilder();

	private Boolean textual;

	private long elements;

	private long droppedChars;

	StreamedOutput(ContentCapture capture, int maxLength) {
		this.capture = capture;
		this.keep = maxLength + LOOKAHEAD;
	}

	/**
	 * Adds one element.
	 * @param element the element
	 */
	public synchronized void add(Object element) {
		if (this.textual == null) {
			this.textual = element instanceof CharSequence;
		}
		if (this.text.length() >= this.keep) {
			this.droppedChars += (element instanceof CharSequence chars) ? chars.length() : 1;
			this.elements++;
			return;
		}
		if (this.textual && element instanceof CharSequence chars) {
			append(chars);
		}
		else {
			this.text.append((this.elements == 0) ? "" : ",");
			CapturedContent part = this.capture.capture(element);
			append((part != null) ? part.text() : "null");
		}
		this.elements++;
	}

	private void append(CharSequence chars) {
		int room = this.keep - this.text.length();
		if (chars.length() <= room) {
			this.text.append(chars);
		}
		else {
			this.text.append(chars, 0, room);
			this.droppedChars += chars.length() - room;
		}
	}

	/**
	 * Renders what was collected.
	 * @return the output, or {@code null} when capture is off
	 */
	public synchronized CapturedContent render() {
		boolean asText = this.textual == null || this.textual;
		CharSequence content = asText ? this.text : "[" + this.text + "]";
		String rendered = this.capture.captureText(content);
		if (rendered == null) {
			return null;
		}
		boolean truncated = this.droppedChars > 0 || rendered.length() < content.length();
		return new CapturedContent(rendered, asText ? "text/plain" : "application/json", truncated);
	}

}
