package dev.llmobs.capture;

/**
 * A text as a hash key that does not read the whole text to hash it:
 * {@link String#hashCode()} reads every character one at a time, and a text that recurs
 * across requests (a retrieved document, a captured prompt) is usually a new string each
 * time, so its hash is never cached. The key is hashed from a {@link #fingerprint sample}
 * of the text's characters, and two keys are equal only when their whole texts are
 * ({@link String#equals} compares whole arrays at once).
 */
public final class TextKey {

	/**
	 * Characters a fingerprint samples spread over a text, and again from its end; a text
	 * of up to twice as many is hashed whole. A multiple of four: the last characters are
	 * read four at a time.
	 */
	static final int SAMPLED = 64;

	private final String text;

	private final int hash;

	/**
	 * Creates the key of a text.
	 * @param text the text
	 */
	public TextKey(String text) {
		this.text = text;
		this.hash = fingerprint(text);
	}

	/**
	 * The text.
	 * @return the text
	 */
	public String text() {
		return this.text;
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

	@Override
	public boolean equals(Object other) {
		return other instanceof TextKey key && key.hash == this.hash && key.text.equals(this.text);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return "TextKey[" + this.text.length() + " chars]";
	}

}
