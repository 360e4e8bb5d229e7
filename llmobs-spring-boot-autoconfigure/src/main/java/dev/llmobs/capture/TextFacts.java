package dev.llmobs.capture;

/**
 * What the redaction prefilters and candidate starts learn about one text, each fact
 * learned at most once, so detectors that share a prefilter (two secret shapes that both
 * need a secret name, three that need digits) or look for the same words ("key", "token",
 * "pass") scan the text once between them.
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

	private static final AnchoredWord[] SECRET_WORDS = { new AnchoredWord("key", 0), new AnchoredWord("token", 2),
			new AnchoredWord("pass", 0), new AnchoredWord("pin", 0) };

	static final AnchoredWord BEARER = new AnchoredWord("bearer", 0);

	private static final int UNKNOWN = -1;

	private final String text;

	private int digits = UNKNOWN;

	private Boolean secretName;

	private Boolean secretWord;

	/** Where each word asked for starts, by word: most texts are asked for a few. */
	private final java.util.Map<String, int[]> wordStarts = new java.util.HashMap<>(16);

	/** Where each anchor letter asked for is, in either case, by lower-case letter. */
	private final int[][] letters = new int[26][];

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
			this.secretName = anyFound(SECRET_NAMES);
		}
		return this.secretName;
	}

	/**
	 * Whether the text holds a word that names a secret in prose: "key", "token", "pass"
	 * (password, passcode, passphrase) or "pin", in any ASCII case.
	 */
	boolean hasSecretWord() {
		if (this.secretWord == null) {
			this.secretWord = anyFound(SECRET_WORDS);
		}
		return this.secretWord;
	}

	/**
	 * Whether the text holds "bearer" in any ASCII case.
	 */
	boolean hasBearer() {
		return starts(BEARER).length > 0;
	}

	/**
	 * Where a word starts in the text, in any ASCII case, in ascending order. Learned
	 * once per word and text, however many detectors ask: the prefilters and several
	 * detectors' candidate starts look for the same words ("key", "token", "pass").
	 * @param word the word
	 * @return the indexes (not to be modified)
	 */
	int[] starts(AnchoredWord word) {
		int[] starts = this.wordStarts.get(word.word());
		if (starts == null) {
			starts = word.startsAmong(this.text, letterPositions(word.anchorLetter()));
			this.wordStarts.put(word.word(), starts);
		}
		return starts;
	}

	/**
	 * Where an ASCII letter is, in either case, in ascending order: two vectorized scans,
	 * shared by every word anchored on it. The positions of all letters asked for hold at
	 * most one index per character of the text.
	 */
	private int[] letterPositions(char lower) {
		int[] positions = this.letters[lower - 'a'];
		if (positions == null) {
			positions = positionsOf(this.text, lower, (char) (lower - ('a' - 'A')));
			this.letters[lower - 'a'] = positions;
		}
		return positions;
	}

	private static int[] positionsOf(String text, char lower, char upper) {
		int[] positions = new int[16];
		int count = 0;
		int nextLower = text.indexOf(lower);
		int nextUpper = text.indexOf(upper);
		while (nextLower >= 0 || nextUpper >= 0) {
			int at;
			if (nextUpper < 0 || (nextLower >= 0 && nextLower < nextUpper)) {
				at = nextLower;
				nextLower = text.indexOf(lower, at + 1);
			}
			else {
				at = nextUpper;
				nextUpper = text.indexOf(upper, at + 1);
			}
			if (count == positions.length) {
				positions = java.util.Arrays.copyOf(positions, count * 2);
			}
			positions[count++] = at;
		}
		return java.util.Arrays.copyOf(positions, count);
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

	private boolean anyFound(AnchoredWord[] words) {
		for (AnchoredWord word : words) {
			if (starts(word).length > 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A lower-case ASCII word found in any case by looking for one of its letters, the
	 * anchor, in both cases and comparing the word around each hit. The anchor is the
	 * word's rarest letter in English, so prose yields few hits.
	 */
	record AnchoredWord(String word, int anchor) {

		char anchorLetter() {
			return this.word.charAt(this.anchor);
		}

		/**
		 * Where the word starts, given where its anchor letter is.
		 * @param text the text
		 * @param anchors the indexes of the anchor letter in either case, ascending
		 * @return the starts, ascending
		 */
		int[] startsAmong(String text, int[] anchors) {
			int[] starts = null;
			int count = 0;
			for (int anchorAt : anchors) {
				int start = anchorAt - this.anchor;
				if (start >= 0 && startsWithIgnoreCase(text, start)) {
					if (starts == null) {
						starts = new int[Math.min(anchors.length, 8)];
					}
					else if (count == starts.length) {
						starts = java.util.Arrays.copyOf(starts, Math.min(anchors.length, count * 2));
					}
					starts[count++] = start;
				}
			}
			return (starts == null) ? NONE : java.util.Arrays.copyOf(starts, count);
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

		private static final int[] NONE = new int[0];

	}

}
