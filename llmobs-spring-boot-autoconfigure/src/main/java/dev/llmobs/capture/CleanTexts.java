package dev.llmobs.capture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Texts that recur across requests (prompt templates, the documents of a knowledge base)
 * and were found clean: captured whole, with nothing to redact. Only clean texts are
 * kept, so a text with a detected secret is never held here. Bounded: when
 * {@value #MAX_TEXTS} texts are kept the set starts over, so at most that many texts of
 * at most the capture's maximum length are held. Thread-safe.
 */
final class CleanTexts {

	static final int MAX_TEXTS = 256;

	private final Map<String, Boolean> texts = new ConcurrentHashMap<>();

	boolean contains(String text) {
		return this.texts.containsKey(text);
	}

	void add(String text) {
		if (this.texts.size() >= MAX_TEXTS) {
			this.texts.clear();
		}
		this.texts.put(text, Boolean.TRUE);
	}

}
