package dev.llmobs.capture;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * A {@link Writer} that keeps at most {@code capacity} characters and then stops the
 * writer feeding it by throwing, so a serializer never produces more than the limit
 * needs.
 */
final class BoundedWriter extends Writer {

	/** Thrown to stop serialization; preallocated, without a stack trace. */
	static final IOException LIMIT_REACHED = new LimitReachedException();

	private char[] buffer;

	private int length;

	private final int capacity;

	private long offered;

	private boolean limitReached;

	BoundedWriter(int capacity) {
		this.capacity = capacity;
		// sized on the first write: a serializer that flushes once gets an exact fit
		this.buffer = new char[0];
	}

	@Override
	public void write(char[] chars, int offset, int length) throws IOException {
		this.offered += length;
		int room = room();
		int kept = Math.min(length, room);
		ensureRoom(kept);
		System.arraycopy(chars, offset, this.buffer, this.length, kept);
		this.length += kept;
		if (kept < length) {
			stop();
		}
	}

	@Override
	public void write(String text, int offset, int length) throws IOException {
		this.offered += length;
		int room = room();
		int kept = Math.min(length, room);
		ensureRoom(kept);
		text.getChars(offset, offset + kept, this.buffer, this.length);
		this.length += kept;
		if (kept < length) {
			stop();
		}
	}

	@Override
	public void write(int c) throws IOException {
		this.offered++;
		if (room() > 0) {
			ensureRoom(1);
			this.buffer[this.length++] = (char) c;
			return;
		}
		stop();
	}

	private int room() {
		return this.limitReached ? 0 : this.capacity - this.length;
	}

	private void ensureRoom(int more) {
		int needed = this.length + more;
		if (needed > this.buffer.length) {
			int grown = Math.max(needed, Math.min(this.capacity, this.buffer.length * 2));
			this.buffer = Arrays.copyOf(this.buffer, grown);
		}
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

	/**
	 * The number of characters kept.
	 */
	int length() {
		return this.length;
	}

	String text() {
		return new String(this.buffer, 0, this.length);
	}

	/**
	 * The characters kept from a position on.
	 */
	String textFrom(int start) {
		return new String(this.buffer, start, this.length - start);
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
