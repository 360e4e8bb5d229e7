package dev.llmobs.capture;

import java.util.Set;

/**
 * Cheap tests of the text at a candidate start that rule out a match before the regex
 * runs: each states something every match starting there has (enough digits close
 * together, a {@code :} or {@code =} after a secret's name, a verb after it), so a
 * candidate that fails cannot match. Support text holds many candidates that fail
 * ("kb-02", "30 minutes", "Forgot password and ..."), and each regex attempt costs about
 * a hundred nanoseconds, against a few for these tests.
 */
final class CandidateChecks {

	/** The names {@link ProseSecrets} starts with, as whole words. */
	private static final Set<String> PROSE_NAMES = Set.of("password", "passwd", "passcode", "passphrase", "pin",
			"pincode", "pinnumber", "key", "token");

	/**
	 * The words that can follow a name in {@link ProseSecrets}: the "for", "to", ... of
	 * what it is for, and the first word of every verb.
	 */
	private static final Set<String> PROSE_NEXT_WORDS = Set.of("for", "to", "on", "of", "at", "is", "was", "will",
			"would", "should", "has", "had", "remains", "changed", "set", "reset", "updated");

	private CandidateChecks() {
	}

	/**
	 * A card number starts here: at least 13 digits follow, each separated from the next
	 * by at most one space or hyphen.
	 * @param text the text
	 * @param at the candidate start
	 * @return whether a card number can start here
	 */
	static boolean cardDigits(String text, int at) {
		int digits = 0;
		int i = at;
		while (i < text.length() && MatchStarts.isDigit(text.charAt(i))) {
			if (++digits >= 13) {
				return true;
			}
			i++;
			if (i + 1 < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '-')
					&& MatchStarts.isDigit(text.charAt(i + 1))) {
				i++;
			}
		}
		return false;
	}

	/**
	 * A North American phone number starts here: ten digits in the next 14 characters,
	 * the length of {@code (202) 555-0147}.
	 * @param text the text
	 * @param at the candidate start
	 * @return whether a phone number can start here
	 */
	static boolean tenDigitsWithin14(String text, int at) {
		return countDigits(text, at, 14) >= 10;
	}

	/**
	 * An IPv4 address starts here: four digits and three dots in the next 15 characters,
	 * the length of {@code 255.255.255.255}.
	 * @param text the text
	 * @param at the candidate start
	 * @return whether an address can start here
	 */
	static boolean ipv4Within15(String text, int at) {
		int end = Math.min(text.length(), at + 15);
		int dots = 0;
		for (int i = at; i < end; i++) {
			if (text.charAt(i) == '.') {
				dots++;
			}
		}
		return dots >= 3 && countDigits(text, at, 15) >= 4;
	}

	/**
	 * A {@code name=value} or {@code name: value} assignment starts here: after the name
	 * ({@code [A-Za-z_-]}) and any white space comes {@code :} or {@code =}.
	 * @param text the text
	 * @param at the candidate start, on the name
	 * @return whether an assignment can start here
	 */
	static boolean assignment(String text, int at) {
		int i = at;
		while (i < text.length() && isNameLetter(text.charAt(i))) {
			i++;
		}
		i = skipWhiteSpace(text, i);
		return i < text.length() && (text.charAt(i) == ':' || text.charAt(i) == '=');
	}

	/**
	 * A secret stated in prose ({@link ProseSecrets}) starts here: the word is one of its
	 * names, and what follows it is {@code 's}, {@code :} or {@code =}, or a word that
	 * can come next ("is", "was", "for", "set", ...). A PIN may be followed by "code" or
	 * "number" first, so any PIN passes.
	 * @param text the text
	 * @param at the candidate start, on the name
	 * @return whether such a statement can start here
	 */
	static boolean proseSecret(String text, int at) {
		int end = letters(text, at);
		String name = lowerCase(text, at, end);
		if (!PROSE_NAMES.contains(name)) {
			return false;
		}
		if (name.equals("pin")) {
			return true;
		}
		if (end < text.length() && text.charAt(end) == '\'') {
			return true;
		}
		int next = skipWhiteSpace(text, end);
		if (next < text.length() && (text.charAt(next) == ':' || text.charAt(next) == '=')) {
			return true;
		}
		// else white space, then a word that can come next
		return next > end && PROSE_NEXT_WORDS.contains(lowerCase(text, next, letters(text, next)));
	}

	private static int countDigits(String text, int at, int window) {
		int end = Math.min(text.length(), at + window);
		int digits = 0;
		for (int i = at; i < end; i++) {
			if (MatchStarts.isDigit(text.charAt(i))) {
				digits++;
			}
		}
		return digits;
	}

	private static boolean isNameLetter(char c) {
		return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' || c == '-';
	}

	private static int letters(String text, int at) {
		int i = at;
		while (i < text.length() && (text.charAt(i) | 0x20) >= 'a' && (text.charAt(i) | 0x20) <= 'z') {
			i++;
		}
		return i;
	}

	private static String lowerCase(String text, int start, int end) {
		// names and next words are short; a longer run is none of them
		if (end - start > 10) {
			return "";
		}
		char[] chars = new char[end - start];
		for (int i = start; i < end; i++) {
			chars[i - start] = (char) (text.charAt(i) | 0x20);
		}
		return new String(chars);
	}

	/** Skips the characters of the regex class {@code \s}. */
	private static int skipWhiteSpace(String text, int at) {
		int i = at;
		while (i < text.length() && " \t\n\u000B\f\r".indexOf(text.charAt(i)) >= 0) {
			i++;
		}
		return i;
	}

}
