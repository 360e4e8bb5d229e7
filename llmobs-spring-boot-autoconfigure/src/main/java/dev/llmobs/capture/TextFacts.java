package dev.llmobs.capture;

/**
 * What the redaction prefilters learn about one text, each fact learned at most once, so
 * detectors that share a prefilter (two secret shapes that both need a secret name, three
 * that need digits) scan the text once between them.
 * <p>
 * Every scan is built on {@link String#indexOf(int, int)} or
 * {@link String#contains(CharSequence)}, which the JIT vectorizes: a character loop over
 * the text, even a single one, measured several times slower on ordinary prose.
 */
final class TextFacts {

	/** The most digits any detector asks for. */
	static final int MOST_DIGITS_WANTED = 13;

	private static final AnchoredWord[] SECRET_NAMES = { new AnchoredWord("key", 0), new AnchoredWord("token", 2),
			new AnchoredWord("secret", 2), new AnchoredWord("passw", 4) };

	private static final AnchoredWord[][] SECRET_WORDS = AnchoredWord.byLetter(new AnchoredWord("key", 0),
			new AnchoredWord("token", 2), new AnchoredWord("pass", 0), new AnchoredWord("pin", 0));

	static final AnchoredWord BEARER = new AnchoredWord("bearer", 0);

	private static final int UNKNOWN = -1;

	private final String text;

	private int digits = UNKNOWN;

	private Boolean secretName;

	private Boolean secretWord;

	TextFacts(String text) {
		this.text = text;
	}

	String text() {
		return this.text;
	}

	boolean contains(char c) {
		return this.text.indexOf(c) >= 0;
	}

	boolean contains(String part) {
		return this.text.contains(part);
	}

	/**
	 * Whether the text holds at least {@code wanted} ASCII digits, anywhere.
	 * @param wanted at most {@link #MOST_DIGITS_WANTED}
	 */
	boolean hasDigits(int wanted) {
		if (this.digits == UNKNOWN) {
			this.digits = countDigits(this.text, MOST_DIGITS_WANTED);
		}
		return this.digits >= wanted;
	}

	/**
	 * Whether the text holds "key", "token", "secret" or "passw" in any ASCII case.
	 */
	boolean hasSecretName() {
		if (this.secretName == null) {
			this.secretName = anyFoundIn(this.text, SECRET_NAMES);
		}
		return this.secretName;
	}

	/**
	 * Whether the text holds a word that names a secret in prose: "key", "token", "pass"
	 * (password, passcode, passphrase) or "pin", in any ASCII case.
	 */
	boolean hasSecretWord() {
		if (this.secretWord == null) {
			this.secretWord = anyGroupFoundIn(this.text, SECRET_WORDS);
		}
		return this.secretWord;
	}

	/**
	 * Whether the text holds "bearer" in any ASCII case.
	 */
	boolean hasBearer() {
		return BEARER.foundIn(this.text);
	}

	/**
	 * Counts ASCII digits, up to {@code most}: each digit is looked for in turn, so text
	 * without digits costs ten vectorized scans.
	 */
	static int countDigits(String text, int most) {
		int count = 0;
		for (char digit = '0'; digit <= '9'; digit++) {
			for (int at = text.indexOf(digit); at >= 0; at = text.indexOf(digit, at + 1)) {
				if (++count >= most) {
					return count;
				}
			}
		}
		return count;
	}

	private static boolean anyGroupFoundIn(String text, AnchoredWord[][] groups) {
		for (AnchoredWord[] group : groups) {
			if (AnchoredWord.indexOfAny(group, text, 0) >= 0) {
				return true;
			}
		}
		return false;
	}

	private static boolean anyFoundIn(String text, AnchoredWord[] words) {
		for (AnchoredWord word : words) {
			if (word.foundIn(text)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A lower-case ASCII word found in any case by scanning for one of its letters, the
	 * anchor, in both cases and comparing the word around each hit. The anchor is the
	 * word's rarest letter in English, so prose yields few hits.
	 */
	record AnchoredWord(String word, int anchor) {

		boolean foundIn(String text) {
			return indexIn(text, 0) >= 0;
		}

		char anchorLetter() {
			return this.word.charAt(this.anchor);
		}

		/**
		 * The words grouped by anchor letter, so one scan for a letter serves every word
		 * anchored on it.
		 * @param words the words
		 * @return the groups, in the order their letters first appear
		 */
		static AnchoredWord[][] byLetter(AnchoredWord... words) {
			java.util.Map<Character, java.util.List<AnchoredWord>> groups = new java.util.LinkedHashMap<>();
			for (AnchoredWord word : words) {
				groups.computeIfAbsent(word.anchorLetter(), (letter) -> new java.util.ArrayList<>()).add(word);
			}
			return groups.values()
				.stream()
				.map((group) -> group.toArray(new AnchoredWord[0]))
				.toArray(AnchoredWord[][]::new);
		}

		/**
		 * Where the first of several words anchored on the same letter next starts, in
		 * any case: one scan for the letter in each case.
		 * @param group words sharing their anchor letter (their anchor indexes may
		 * differ)
		 * @param text the text
		 * @param from the first index a word may start at
		 * @return the index, or {@code -1}
		 */
		static int indexOfAny(AnchoredWord[] group, String text, int from) {
			char lower = group[0].anchorLetter();
			char upper = (char) (lower - ('a' - 'A'));
			int minAnchor = Integer.MAX_VALUE;
			int maxAnchor = 0;
			for (AnchoredWord word : group) {
				minAnchor = Math.min(minAnchor, word.anchor);
				maxAnchor = Math.max(maxAnchor, word.anchor);
			}
			int nextLower = text.indexOf(lower, from + minAnchor);
			int nextUpper = text.indexOf(upper, from + minAnchor);
			int best = -1;
			while (nextLower >= 0 || nextUpper >= 0) {
				int hit;
				if (nextUpper < 0 || (nextLower >= 0 && nextLower < nextUpper)) {
					hit = nextLower;
					nextLower = text.indexOf(lower, hit + 1);
				}
				else {
					hit = nextUpper;
					nextUpper = text.indexOf(upper, hit + 1);
				}
				if (best >= 0 && hit - maxAnchor >= best) {
					// no word anchored here or later can start before what was found
					break;
				}
				for (AnchoredWord word : group) {
					int start = hit - word.anchor;
					if (start >= from && (best < 0 || start < best) && word.startsWithIgnoreCase(text, start)) {
						best = start;
					}
				}
			}
			return best;
		}

		/**
		 * Where the word next starts, in any case.
		 * @param text the text
		 * @param from the first index the word may start at
		 * @return the index, or {@code -1}
		 */
		int indexIn(String text, int from) {
			char letter = this.word.charAt(this.anchor);
			int lower = indexAround(text, letter, from);
			int upper = indexAround(text, (char) (letter - ('a' - 'A')), from);
			return (lower < 0 || (upper >= 0 && upper < lower)) ? upper : lower;
		}

		private int indexAround(String text, char letter, int from) {
			for (int at = text.indexOf(letter, from + this.anchor); at >= 0; at = text.indexOf(letter, at + 1)) {
				if (startsWithIgnoreCase(text, at - this.anchor)) {
					return at - this.anchor;
				}
			}
			return -1;
		}

		/**
		 * Whether the word starts at {@code from}, in any ASCII case; cheaper than
		 * {@link String#regionMatches(boolean, int, String, int, int)}, which folds case
		 * through {@link Character} for every character.
		 */
		private boolean startsWithIgnoreCase(String text, int from) {
			if (from + this.word.length() > text.length()) {
				return false;
			}
			for (int k = 0; k < this.word.length(); k++) {
				// setting bit 0x20 lower-cases an ASCII letter
				if ((text.charAt(from + k) | 0x20) != this.word.charAt(k)) {
					return false;
				}
			}
			return true;
		}

	}

}
