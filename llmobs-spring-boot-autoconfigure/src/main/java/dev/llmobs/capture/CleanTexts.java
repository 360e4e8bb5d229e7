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
 * A lookup does not hash the whole text: the set is keyed by {@link TextKey}. Only a text
 * that was just scanned (which costs far more) is hashed whole, for the texts seen once.
 * Thread-safe.
 */
final class CleanTexts {

	static final int MAX_TEXTS = 256;

	static final long MAX_CHARS = 1L << 20;

	static final int SEEN_SLOTS = 1024;

	private final Map<TextKey, Boolean> texts = new ConcurrentHashMap<>();

	private final AtomicLong chars = new AtomicLong();

	/** The hash of the last clean text offered in each slot. */
	private final AtomicIntegerArray seenOnce = new AtomicIntegerArray(SEEN_SLOTS);

	boolean contains(String text) {
		return this.texts.containsKey(new TextKey(text));
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
		if (this.texts.putIfAbsent(new TextKey(text), Boolean.TRUE) == null) {
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

}
