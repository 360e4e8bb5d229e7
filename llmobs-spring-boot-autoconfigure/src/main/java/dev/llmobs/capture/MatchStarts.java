package dev.llmobs.capture;

import java.util.Arrays;
import java.util.function.IntBinaryOperator;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Where a detector's match can start. A pattern that begins with a look-behind, a word
 * boundary or an alternation costs the regex engine tens of nanoseconds at every index of
 * the text (measured: a 4,000-character text with a few digits took over 100 µs per
 * detector); trying the pattern only at candidate indexes, found with
 * {@link String#indexOf(String, int)} or one cheap pass, gives the same leftmost matches
 * for a fraction of that. Every index where a match can start must be a candidate; extra
 * candidates only cost time.
 */
@FunctionalInterface
interface MatchStarts {

	/**
	 * The candidates in one text.
	 * @param facts the text and what is known about it
	 * @return a function from an index to the first candidate at or after it, or
	 * {@code -1}; it must be asked with indexes that never decrease
	 */
	IntUnaryOperator in(TextFacts facts);

	/**
	 * These candidates, less those where a cheap test of the text shows no match can
	 * start (see {@link CandidateChecks}).
	 * @param possible tells whether a match can start at a candidate
	 * @return the remaining starts
	 */
	default MatchStarts where(Possible possible) {
		return (facts) -> {
			String text = facts.text();
			IntUnaryOperator next = in(facts);
			return (from) -> {
				for (int at = next.applyAsInt(from); at >= 0; at = next.applyAsInt(at + 1)) {
					if (possible.at(text, at)) {
						return at;
					}
				}
				return -1;
			};
		};
	}

	/**
	 * Matches start with one of these literals.
	 * @param literals the literals, case-sensitive
	 * @return the starts
	 */
	static MatchStarts literals(String... literals) {
		return (facts) -> {
			String text = facts.text();
			return earliest(literals.length, (i, from) -> text.indexOf(literals[i], from));
		};
	}

	/**
	 * Matches start with one of these lower-case ASCII words, in any case. Where each
	 * word starts is learned once per text ({@link TextFacts#starts}), for every detector
	 * that asks.
	 * @param words the words, each with the index of its rarest letter
	 * @return the starts
	 */
	static MatchStarts words(TextFacts.AnchoredWord... words) {
		return (facts) -> {
			int[][] starts = new int[words.length][];
			for (int i = 0; i < words.length; i++) {
				starts[i] = facts.starts(words[i]);
			}
			int[] cursors = new int[words.length];
			return (from) -> {
				int first = -1;
				for (int i = 0; i < starts.length; i++) {
					int[] wordStarts = starts[i];
					int at = cursors[i];
					while (at < wordStarts.length && wordStarts[at] < from) {
						at++;
					}
					cursors[i] = at;
					if (at < wordStarts.length && (first < 0 || wordStarts[at] < first)) {
						first = wordStarts[at];
					}
				}
				return first;
			};
		};
	}

	/**
	 * Matches start at the opening quote of a JSON name holding one of these words, at
	 * most {@code reach} name characters ({@code [A-Za-z0-9_.-]}) after the quote, or at
	 * any of the backslashes escaping that quote.
	 * @param reach how far before a word its quote may be
	 * @param words the words, each with the index of its rarest letter
	 * @return the starts
	 */
	static MatchStarts quotedNames(int reach, TextFacts.AnchoredWord... words) {
		MatchStarts wordStarts = words(words);
		return (facts) -> {
			String text = facts.text();
			IntUnaryOperator nextWord = wordStarts.in(facts);
			return (from) -> {
				for (int word = nextWord.applyAsInt(from); word >= 0; word = nextWord.applyAsInt(word + 1)) {
					int quote = word - 1;
					while (quote >= 0 && word - quote <= reach && isNameChar(text.charAt(quote))) {
						quote--;
					}
					if (quote >= from && text.charAt(quote) == '"') {
						// JSON inside a serialized string: the backslashes escaping the
						// quote belong to the match, and each one may start it
						int run = quote;
						while (run > 0 && text.charAt(run - 1) == '\\') {
							run--;
						}
						return Math.max(run, from);
					}
				}
				return -1;
			};
		};
	}

	/**
	 * Matches start at one of the characters {@code firsts} that does not follow one
	 * accepted by {@code notAfter} (the pattern's own look-behind, checked cheaply).
	 * @param firsts the characters a match starts with
	 * @param notAfter the characters a match cannot follow
	 * @return the starts
	 */
	static MatchStarts runs(String firsts, IntPredicate notAfter) {
		return (facts) -> {
			String text = facts.text();
			IntUnaryOperator next = earliest(firsts.length(), (i, from) -> text.indexOf(firsts.charAt(i), from));
			return (from) -> {
				for (int at = next.applyAsInt(from); at >= 0; at = next.applyAsInt(at + 1)) {
					if (at == 0 || !notAfter.test(text.charAt(at - 1))) {
						return at;
					}
				}
				return -1;
			};
		};
	}

	/**
	 * The earliest of several searches, each remembered until it is passed, so a text is
	 * scanned once per search however many candidates are asked for.
	 */
	private static IntUnaryOperator earliest(int searches, IntBinaryOperator search) {
		int[] next = new int[searches];
		Arrays.fill(next, Integer.MIN_VALUE);
		return (from) -> {
			int first = -1;
			for (int i = 0; i < searches; i++) {
				if (next[i] != -1 && next[i] < from) {
					next[i] = search.applyAsInt(i, from);
				}
				if (next[i] >= 0 && (first < 0 || next[i] < first)) {
					first = next[i];
				}
			}
			return first;
		};
	}

	/**
	 * Whether a match can start at a candidate.
	 */
	@FunctionalInterface
	interface Possible {

		/**
		 * Tests the text at a candidate.
		 * @param text the text
		 * @param at the candidate
		 * @return {@code false} only when no match can start there
		 */
		boolean at(String text, int at);

	}

	/** The ASCII digits, as match starts for {@link #runs}. */
	String DIGITS = "0123456789";

	static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	static boolean isNameChar(int c) {
		return isWordChar(c) || c == '.' || c == '-';
	}

	/** Whether {@code c} is in the regex class {@code \w}: ASCII letters, digits, '_'. */
	static boolean isWordChar(int c) {
		return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_';
	}

}
