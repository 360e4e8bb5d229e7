package dev.llmobs.eval;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The content words of a text: runs of three or more letters or digits, lower-cased,
 * common English stop words left out. Read with a plain loop over code points rather than
 * a regular expression: the context-overlap evaluator reads every retrieved document of
 * every evaluated call.
 */
final class ContentWords {

	private static final int SHORTEST = 3;

	static final Set<String> STOPWORDS = Set.of("the", "and", "for", "are", "but", "not", "you", "your", "with", "this",
			"that", "from", "have", "has", "was", "were", "will", "can", "our", "all", "any", "its", "into", "than",
			"then", "them", "they", "there", "their", "what", "when", "which", "who", "how", "also", "just", "only",
			"out", "use", "about", "may", "would", "could", "should", "been", "being", "more", "most", "some", "such",
			"very");

	private ContentWords() {
	}

	/**
	 * The distinct content words of a text.
	 * @param text the text, possibly {@code null}
	 * @return the words
	 */
	static Set<String> of(String text) {
		Set<String> words = new HashSet<>();
		forEach(text, (word) -> {
			words.add(word);
			return true;
		});
		return words;
	}

	/**
	 * Hands each content word of a text to {@code action}, in order, until it returns
	 * {@code false}.
	 * @param text the text, possibly {@code null}
	 * @param action takes a word, returns whether to go on
	 */
	static void forEach(String text, Predicate<String> action) {
		if (text == null) {
			return;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		int length = lower.length();
		int start = 0;
		int codePoints = 0;
		for (int i = 0; i < length;) {
			int c = lower.codePointAt(i);
			int next = i + Character.charCount(c);
			if (isWordCodePoint(c)) {
				if (codePoints++ == 0) {
					start = i;
				}
			}
			else {
				if (!take(lower, start, i, codePoints, action)) {
					return;
				}
				codePoints = 0;
			}
			i = next;
		}
		take(lower, start, length, codePoints, action);
	}

	private static boolean take(String text, int start, int end, int codePoints, Predicate<String> action) {
		if (codePoints < SHORTEST) {
			return true;
		}
		String word = text.substring(start, end);
		return STOPWORDS.contains(word) || action.test(word);
	}

	/** The regex class {@code [\p{L}\p{N}]}: letters and numbers of every kind. */
	private static boolean isWordCodePoint(int c) {
		if (Character.isLetter(c)) {
			return true;
		}
		int type = Character.getType(c);
		return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
				|| type == Character.OTHER_NUMBER;
	}

}
