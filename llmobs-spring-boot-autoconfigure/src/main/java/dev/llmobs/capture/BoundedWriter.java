package dev.llmobs.capture;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Writer} that keeps at most {@code capacity} characters and then stops the
 * writer feeding it by throwing, so a serializer never produces more than the limit
 * needs.
 */
final class BoundedWriter extends Writer {

	/** Thrown to stop serialization; preallocated, without a stack trace. */
	static final IOException LIMIT_REACHED = new LimitReachedException();

	/** Writes kept apart before they are joined. */
	static final int MAX_CHUNKS = 32;

	/**
	 * The characters kept, as one string per write: a serializer writes few large chunks
	 * (its own buffer, when full and when flushed), usually just one, which is then the
	 * text itself, copied once; a capture that writes a list once per trace (one with a
	 * memo) flushes before and after it, which makes three or four.
	 */
	private final List<String> chunks;

	private int length;

	private final int capacity;

	private long offered;

	private boolean limitReached;

	/** The trace's captures, for lists written once per trace, or {@code null}. */
	private final CaptureMemo memo;

	BoundedWriter(int capacity) {
		this(capacity, null);
	}

	/**
	 * Creates a writer for a capture that writes a list of deeply immutable values a
	 * trace captured before as it was written then (see {@link RecurringListSerializer}):
	 * the serializer finds the memo through the generator's output, this writer.
	 * @param capacity the most characters kept
	 * @param memo the trace's captures, or {@code null}
	 */
	BoundedWriter(int capacity, CaptureMemo memo) {
		this.capacity = capacity;
		this.memo = memo;
		this.chunks = new ArrayList<>((memo != null) ? 4 : 2);
	}

	CaptureMemo memo() {
		return this.memo;
	}

	@Override
	public void write(char[] chars, int offset, int length) throws IOException {
		this.offered += length;
		int kept = Math.min(length, room());
		if (kept > 0) {
			keep(new String(chars, offset, kept));
		}
		if (kept < length) {
			stop();
		}
	}

	@Override
	public void write(String text, int offset, int length) throws IOException {
		this.offered += length;
		int kept = Math.min(length, room());
		if (kept > 0) {
			keep(text.substring(offset, offset + kept));
		}
		if (kept < length) {
			stop();
		}
	}

	@Override
	public void write(int c) throws IOException {
		this.offered++;
		if (room() > 0) {
			keep(String.valueOf((char) c));
			return;
		}
		stop();
	}

	private void keep(String chunk) {
		if (this.chunks.size() == MAX_CHUNKS) {
			// a writer fed in small pieces: its pieces are joined, not kept one by one
			String joined = String.join("", this.chunks);
			this.chunks.clear();
			this.chunks.add(joined);
		}
		this.chunks.add(chunk);
		this.length += chunk.length();
	}

	private int room() {
		return this.limitReached ? 0 : this.capacity - this.length;
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
		return textFrom(0);
	}

	/**
	 * The characters kept from a position on.
	 */
	String textFrom(int start) {
		int first = 0;
		int skip = start;
		while (first < this.chunks.size() && skip >= this.chunks.get(first).length()) {
			skip -= this.chunks.get(first).length();
			first++;
		}
		if (first == this.chunks.size()) {
			return "";
		}
		String head = this.chunks.get(first).substring(skip);
		if (first == this.chunks.size() - 1) {
			return head;
		}
		String[] pieces = new String[this.chunks.size() - first];
		pieces[0] = head;
		for (int i = 1; i < pieces.length; i++) {
			pieces[i] = this.chunks.get(first + i);
		}
		return String.join("", pieces);
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
