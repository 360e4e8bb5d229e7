package dev.llmobs.eval;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content words of retrieved documents, remembered for documents that recur: a
 * knowledge base's articles come back request after request, and the context-overlap
 * evaluator would otherwise read each of them again every time. Bounded: documents longer
 * than {@value #MAX_LENGTH} characters are read each time and not kept, and when
 * {@value #MAX_DOCUMENTS} documents are kept the memory starts over. Thread-safe.
 */
final class DocumentWords {

	static final int MAX_DOCUMENTS = 256;

	static final int MAX_LENGTH = 4096;

	private final Map<String, Set<String>> known = new ConcurrentHashMap<>();

	/**
	 * Removes from {@code words} every word that appears in the document.
	 * @param words the words still looked for
	 * @param document the document's text, possibly {@code null}
	 */
	void removeFrom(Set<String> words, String document) {
		if (document == null) {
			return;
		}
		if (document.length() > MAX_LENGTH) {
			// read only until every word has been seen
			ContentWords.forEach(document, (word) -> !(words.remove(word) && words.isEmpty()));
			return;
		}
		words.removeAll(wordsOf(document));
	}

	/**
	 * The content words of a document no longer than {@value #MAX_LENGTH} characters.
	 * @param document the document's text
	 * @return the words, remembered for the next time
	 */
	Set<String> wordsOf(String document) {
		Set<String> words = this.known.get(document);
		if (words == null) {
			words = Set.copyOf(ContentWords.of(document));
			if (this.known.size() >= MAX_DOCUMENTS) {
				this.known.clear();
			}
			this.known.put(document, words);
		}
		return words;
	}

	int size() {
		return this.known.size();
	}

}
