package dev.llmobs.capture;

import java.io.Writer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A {@link Writer} that feeds what it is given, encoded as UTF-8, into a SHA-256 digest
 * through small fixed buffers: the text is never copied or encoded whole. The result is
 * the digest of {@link String#getBytes(java.nio.charset.Charset) getBytes(UTF_8)}, an
 * unpaired surrogate becoming {@code ?}, also when a pair is split across two writes.
 * <p>
 * Encoding costs as much as SHA-256 itself, so it takes the fastest path the text allows.
 * A {@link String} that starts with ASCII goes to the JDK's own encoder, in slices, which
 * copies ASCII with one intrinsic. Other text, and anything written piecewise (JSON from
 * Jackson), goes through buffers: runs of Latin-1 characters are narrowed to bytes by the
 * JDK's ISO-8859-1 encoder (an intrinsic, which also finds the first character it cannot
 * map) and widened to UTF-8 eight bytes at a time, ASCII words copied whole; about twice
 * as fast as the JDK's encoder on accented text. Other characters are encoded one by one.
 * Not thread-safe.
 */
final class DigestWriter extends Writer {

	private static final int CHUNK = 512;

	/** Room kept free in the output buffer: one 8-byte word plus a 4-byte character. */
	private static final int SLACK = 16;

	/** How many leading characters {@link #startsAscii} looks at. */
	private static final int ASCII_PROBE = 64;

	private static final int JDK_SLICE = 8192;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private final MessageDigest digest = sha256();

	private final CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();

	private final int chunk;

	private char[] chars;

	private byte[] narrowed;

	private byte[] out;

	private int length;

	private char pendingHighSurrogate;

	/**
	 * Creates a writer.
	 * @param expectedChars how many characters are expected, to size the buffers
	 */
	DigestWriter(long expectedChars) {
		this.chunk = (int) Math.max(8, Math.min(CHUNK, expectedChars));
	}

	/** Buffers are made on first use: text that looks like ASCII never needs them. */
	private void ensureBuffers() {
		if (this.out == null) {
			this.chars = new char[this.chunk];
			this.narrowed = new byte[this.chunk];
			this.out = new byte[2 * this.chunk + SLACK];
		}
	}

	@Override
	public void write(char[] source, int offset, int count) {
		ensureBuffers();
		int at = offset;
		int end = offset + count;
		while (at < end) {
			int n = Math.min(end - at, this.narrowed.length);
			at += encode(source, at, n);
		}
	}

	@Override
	public void write(String text, int offset, int count) {
		ensureBuffers();
		int at = offset;
		int end = offset + count;
		while (at < end) {
			int n = Math.min(end - at, this.chars.length);
			text.getChars(at, at + n, this.chars, 0);
			int done = 0;
			while (done < n) {
				done += encode(this.chars, done, n - done);
			}
			at += n;
		}
	}

	@Override
	public void write(int c) {
		ensureBuffers();
		encodeOne((char) c);
	}

	/**
	 * Writes any character sequence without turning it into a {@link String} first, as
	 * {@link Writer#append(CharSequence)} would.
	 * @param text the text
	 */
	void writeAll(CharSequence text) {
		if (text instanceof String string) {
			if (this.out == null && startsAscii(string)) {
				digestAsJdkEncodes(string);
			}
			else {
				write(string, 0, string.length());
			}
			return;
		}
		ensureBuffers();
		for (int i = 0; i < text.length(); i++) {
			encodeOne(text.charAt(i));
		}
	}

	/**
	 * Whether the text starts with ASCII characters: a guess, not a promise, at which
	 * encoder is faster. {@link String#getBytes(java.nio.charset.Charset)} copies ASCII
	 * text with one intrinsic, faster than anything here, but encodes any other text
	 * character by character, slower than {@link #widen}. Both give the same bytes.
	 */
	private static boolean startsAscii(String text) {
		int end = Math.min(text.length(), ASCII_PROBE);
		for (int i = 0; i < end; i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Digests the text as the JDK encodes it, in slices so a 10 MB text never becomes one
	 * 10 MB array; a slice never ends between the two halves of a surrogate pair.
	 */
	private void digestAsJdkEncodes(String text) {
		int length = text.length();
		for (int start = 0; start < length;) {
			int end = Math.min(length, start + JDK_SLICE);
			if (end < length && Character.isHighSurrogate(text.charAt(end - 1))) {
				end--;
			}
			String slice = (start == 0 && end == length) ? text : text.substring(start, end);
			this.digest.update(slice.getBytes(StandardCharsets.UTF_8));
			start = end;
		}
	}

	/**
	 * Encodes a leading run of Latin-1 characters, or if there is none, the characters up
	 * to the next Latin-1 one; returns how many characters were consumed (at least one).
	 */
	private int encode(char[] source, int from, int count) {
		if (this.pendingHighSurrogate == 0) {
			this.latin1.reset();
			ByteBuffer target = ByteBuffer.wrap(this.narrowed);
			this.latin1.encode(CharBuffer.wrap(source, from, count), target, false);
			int mapped = target.position();
			if (mapped > 0) {
				widen(mapped);
				return mapped;
			}
		}
		int at = from;
		int end = from + count;
		do {
			encodeOne(source[at++]);
		}
		while (at < end && (source[at] > 0xFF || this.pendingHighSurrogate != 0));
		return at - from;
	}

	/** Writes the narrowed Latin-1 bytes as UTF-8. */
	private void widen(int count) {
		byte[] target = this.out;
		int n = this.length;
		int limit = target.length - SLACK;
		int i = 0;
		while (i < count) {
			if (n > limit) {
				this.digest.update(target, 0, n);
				n = 0;
			}
			if (i + Long.BYTES <= count) {
				long word = (long) WORDS.get(this.narrowed, i);
				long high = word & HIGH_BITS;
				// copy the word whole; only its ASCII prefix is kept
				WORDS.set(target, n, word);
				int ascii = (high == 0) ? Long.BYTES : Long.numberOfTrailingZeros(high) >>> 3;
				n += ascii;
				i += ascii;
				if (ascii == Long.BYTES) {
					continue;
				}
			}
			int c = this.narrowed[i++] & 0xFF;
			if (c < 0x80) {
				target[n++] = (byte) c;
			}
			else {
				target[n++] = (byte) (0xC0 | (c >> 6));
				target[n++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		this.length = n;
	}

	private void encodeOne(char c) {
		if (this.length > this.out.length - SLACK) {
			drain();
		}
		if (this.pendingHighSurrogate != 0) {
			char high = this.pendingHighSurrogate;
			this.pendingHighSurrogate = 0;
			if (Character.isLowSurrogate(c)) {
				putCodePoint(Character.toCodePoint(high, c));
				return;
			}
			put('?');
		}
		if (c < 0x80) {
			put(c);
		}
		else if (c < 0x800) {
			put(0xC0 | (c >> 6));
			put(0x80 | (c & 0x3F));
		}
		else if (Character.isHighSurrogate(c)) {
			this.pendingHighSurrogate = c;
		}
		else if (Character.isLowSurrogate(c)) {
			put('?');
		}
		else {
			put(0xE0 | (c >> 12));
			put(0x80 | ((c >> 6) & 0x3F));
			put(0x80 | (c & 0x3F));
		}
	}

	private void putCodePoint(int codePoint) {
		put(0xF0 | (codePoint >> 18));
		put(0x80 | ((codePoint >> 12) & 0x3F));
		put(0x80 | ((codePoint >> 6) & 0x3F));
		put(0x80 | (codePoint & 0x3F));
	}

	private void put(int b) {
		this.out[this.length++] = (byte) b;
	}

	private void drain() {
		if (this.length == 0) {
			return;
		}
		this.digest.update(this.out, 0, this.length);
		this.length = 0;
	}

	/**
	 * Finishes the digest.
	 * @return {@code sha256:} and the digest in lower-case hex
	 */
	String hash() {
		if (this.pendingHighSurrogate != 0) {
			// only write() and writeAll() through the buffers can leave half a pair
			this.pendingHighSurrogate = 0;
			put('?');
		}
		drain();
		return "sha256:" + HexFormat.of().formatHex(this.digest.digest());
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
