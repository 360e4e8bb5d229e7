package dev.llmobs.capture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Texts that recur across requests (prompt templates, the documents of a knowledge base,
 * the same retrieved articles as JSON) and were found clean: nothing to redact in them
 * (for a text longer than the capture's limit, in the part that is scanned and kept).
 * Only clean texts are kept, so a text with a detected secret is never held here. A text
 * known to recur is kept when first found clean ({@link #add}); any other text only when
 * it is found clean a second time ({@link #offer}), so texts seen once (most questions
 * and answers) do not push out the ones that recur. Bounded: when {@value #MAX_TEXTS}
 * texts or {@value #MAX_CHARS} characters are kept the set starts over, and the texts
 * seen once are remembered only by hash, in {@value #SEEN_SLOTS} slots.
 * <p>
 * A lookup does not hash the whole text: {@link String#hashCode()} reads every character
 * one at a time and a captured text is a new string each time, so its hash is never
 * cached. The set is keyed by a {@link #fingerprint sample} of the text's characters and
 * a match is confirmed by {@link String#equals}, which compares whole arrays at once.
 * Only a text that was just scanned (which costs far more) is hashed whole, for the texts
 * seen once. Thread-safe.
 */
final class CleanTexts {

	static final int MAX_TEXTS = 256;

	static final long MAX_CHARS = 1L << 20;

	static final int SEEN_SLOTS = 1024;

	/**
	 * Characters a fingerprint samples spread over a text, and again from its end; a text
	 * of up to twice as many is hashed whole. A multiple of four: the last characters are
	 * read four at a time.
	 */
	static final int SAMPLED = 64;

	private final Map<Key, Boolean> texts = new ConcurrentHashMap<>();

	private final AtomicLong chars = new AtomicLong();

	/** The hash of the last clean text offered in each slot. */
	private final AtomicIntegerArray seenOnce = new AtomicIntegerArray(SEEN_SLOTS);

	boolean contains(String text) {
		return this.texts.containsKey(new Key(text));
	}

	/**
	 * Keeps a clean text known to recur.
	 * @param text the text, found clean
	 */
	void add(String text) {
		if (text.length() > MAX_CHARS) {
			return;
		}
		if (this.texts.size() >= MAX_TEXTS || this.chars.get() + text.length() > MAX_CHARS) {
			this.texts.clear();
			this.chars.set(0);
		}
		if (this.texts.putIfAbsent(new Key(text), Boolean.TRUE) == null) {
			this.chars.addAndGet(text.length());
		}
	}

	/**
	 * Keeps a clean text if a clean text with the same hash was offered before.
	 * @param text the text, found clean
	 */
	void offer(String text) {
		int hash = text.hashCode();
		int slot = (hash ^ (hash >>> 16)) & (SEEN_SLOTS - 1);
		if (this.seenOnce.get(slot) == hash) {
			add(text);
		}
		else {
			this.seenOnce.set(slot, hash);
		}
	}

	/**
	 * A cheap hash of a text: its length, {@value #SAMPLED} characters spread evenly over
	 * it and its last {@value #SAMPLED} characters; a short text is hashed whole. Texts
	 * that differ only in characters left out share a fingerprint and are told apart by
	 * {@link String#equals}.
	 * @param text the text
	 * @return the fingerprint
	 */
	static int fingerprint(String text) {
		int length = text.length();
		if (length <= 2 * SAMPLED) {
			return text.hashCode();
		}
		// four hashes side by side: one hash would wait for each multiplication in turn
		int step = length / SAMPLED;
		int first = length;
		int second = 0;
		int third = 0;
		int fourth = 0;
		int i = 0;
		for (; i + 3 * step < length; i += 4 * step) {
			first = 31 * first + text.charAt(i);
			second = 31 * second + text.charAt(i + step);
			third = 31 * third + text.charAt(i + 2 * step);
			fourth = 31 * fourth + text.charAt(i + 3 * step);
		}
		for (; i < length; i += step) {
			first = 31 * first + text.charAt(i);
		}
		for (int end = length - SAMPLED; end < length; end += 4) {
			first = 31 * first + text.charAt(end);
			second = 31 * second + text.charAt(end + 1);
			third = 31 * third + text.charAt(end + 2);
			fourth = 31 * fourth + text.charAt(end + 3);
		}
		return ((first * 31 + second) * 31 + third) * 31 + fourth;
	}

	/** A text keyed by its {@link #fingerprint(String) fingerprint}. */
	private static final class Key {

		private final String text;

		private final int hash;

		Key(String text) {
			this.text = text;
			this.hash = fingerprint(text);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.hash == this.hash && key.text.equals(this.text);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
