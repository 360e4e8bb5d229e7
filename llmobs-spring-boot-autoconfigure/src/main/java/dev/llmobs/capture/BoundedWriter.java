package dev.llmobs.capture;

import java.io.IOException;
import java.io.Writer;

/**
 * A {@link Writer} that keeps at most {@code capacity} characters and then stops the
 * writer feeding it by throwing, so a serializer never produces more than the limit
 * needs.
 */
final class BoundedWriter extends Writer {

	/** Thrown to stop serialization; preallocated, without a stack trace. */
	static final IOException LIMIT_REACHED = new LimitReachedException();

	private final StringBuilder buffer;

	private final int capacity;

	private long offered;

	private boolean limitReached;

	BoundedWriter(int capacity) {
		this.capacity = capacity;
		this.buffer = new StringBuilder(Math.min(capacity, 512));
	}

	@Override
	public void write(char[] chars, int offset, int length) throws IOException {
		this.offered += length;
		int room = room();
		if (length <= room) {
			this.buffer.append(chars, offset, length);
			return;
		}
		this.buffer.append(chars, offset, room);
		stop();
	}

	@Override
	public void write(String text, int offset, int length) throws IOException {
		this.offered += length;
		int room = room();
		if (length <= room) {
			this.buffer.append(text, offset, offset + length);
			return;
		}
		this.buffer.append(text, offset, offset + room);
		stop();
	}

	@Override
	public void write(int c) throws IOException {
		this.offered++;
		if (room() > 0) {
			this.buffer.append((char) c);
			return;
		}
		stop();
	}

	private int room() {
		return this.limitReached ? 0 : this.capacity - this.buffer.length();
	}

	private void stop() throws IOException {
		this.limitReached = true;
		throw LIMIT_REACHED;
	}

	boolean limitReached() {
		return this.limitReached;
	}

	/**
	 * All characters the serializer tried to write, kept or not.
	 */
	long offered() {
		return this.offered;
	}

	String text() {
		return this.buffer.toString();
	}

	private static final class LimitReachedException extends IOException {

		LimitReachedException() {
			super("llmobs capture limit reached");
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

}
