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

	private static final char[] NO_CHARS = new char[0];

	private char[] buffer;

	/**
	 * The characters of a first write kept as a string, until a second write comes: a
	 * serializer that flushes once (the usual case) leaves its text here, copied once.
	 */
	private String single;

	private int length;

	private final int capacity;

	private long offered;

	private boolean limitReached;

	BoundedWriter(int capacity) {
		this.capacity = capacity;
		this.buffer = NO_CHARS;
	}

	@Override
	public void write(char[] chars, int offset, int length) throws IOException {
		this.offered += length;
		int room = room();
		int kept = Math.min(length, room);
		if (this.length == 0 && this.single == null) {
			this.single = new String(chars, offset, kept);
			this.length = kept;
			if (kept < length) {
				stop();
			}
			return;
		}
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
		if (this.single != null) {
			this.buffer = new char[Math.max(needed, Math.min(this.capacity, this.length * 2))];
			this.single.getChars(0, this.length, this.buffer, 0);
			this.single = null;
		}
		else if (needed > this.buffer.length) {
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
		return (this.single != null) ? this.single : new String(this.buffer, 0, this.length);
	}

	/**
	 * The characters kept from a position on.
	 */
	String textFrom(int start) {
		return (this.single != null) ? this.single.substring(start)
				: new String(this.buffer, start, this.length - start);
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
