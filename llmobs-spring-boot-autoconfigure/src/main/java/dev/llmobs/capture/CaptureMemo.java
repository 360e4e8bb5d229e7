package dev.llmobs.capture;

/**
 * The captures already made in one trace, so that a value captured twice (the prompt a
 * task returns and a model call takes, the text a model call returns and its caller
 * passes on) is serialized and redacted once. Only deeply immutable values are kept (see
 * {@link ImmutableValues}), found by identity, and only when their capture was whole and
 * nothing in it was redacted: a later capture of the same value would have given the same
 * text and reported nothing. Holds the last few captures; lives as long as the trace's
 * accumulator. Thread-safe.
 */
public final class CaptureMemo {

	private static final int SIZE = 8;

	private final Object[] values = new Object[SIZE];

	private final ContentCapture[] captures = new ContentCapture[SIZE];

	private final CapturedContent[] results = new CapturedContent[SIZE];

	private int next;

	synchronized CapturedContent find(ContentCapture capture, Object value) {
		for (int i = 0; i < SIZE; i++) {
			if (this.values[i] == value && this.captures[i] == capture) {
				return this.results[i];
			}
		}
		return null;
	}

	synchronized void remember(ContentCapture capture, Object value, CapturedContent result) {
		this.values[this.next] = value;
		this.captures[this.next] = capture;
		this.results[this.next] = result;
		this.next = (this.next + 1) % SIZE;
	}

}
