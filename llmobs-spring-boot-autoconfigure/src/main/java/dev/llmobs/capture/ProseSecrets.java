package dev.llmobs.capture;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Secrets stated in a sentence: "my password is Tr0ub4dor&amp;3", "the API key for
 * staging is AbC123xyz", "PIN was changed to 4821", "passcode: 9911". Support text
 * mentions passwords all the time without giving one ("my password is not working", "the
 * PIN is 4 digits", "password was reset to the default"), so the word after the verb is
 * replaced only when it looks like a secret: it holds a digit or a symbol, mixes upper
 * and lower case past its first letter, or is quoted (and is not a word such as
 * "invalid"); and it is at least four characters long and not followed by a unit ("8
 * characters", "90 days"). A secret made only of lower-case letters and not quoted ("my
 * password is sunshine") cannot be told from prose and is kept: the README says so.
 */
final class ProseSecrets {

	/** The words a match starts with, for {@link MatchStarts#words}. */
	static final TextFacts.AnchoredWord[] WORDS = { new TextFacts.AnchoredWord("pass", 0),
			new TextFacts.AnchoredWord("pin", 0), new TextFacts.AnchoredWord("key", 0),
			new TextFacts.AnchoredWord("token", 2) };

	// "API key", "access token", "secret key" and "auth token" are matched from their
	// last word: the words to look for are few and anchored on rare letters (p, k), so
	// text that mentions none of them costs four vectorized scans
	private static final String NAME = "(?:pass(?:word|wd|code|phrase)|pin(?:[ -]?(?:code|number))?|key|token)";

	// "for my work account", "to the wifi", "on the portal": up to four words
	private static final String OF_WHAT = "(?:\\s+(?:for|to|on|of|at)(?:\\s+[\\w.@-]{1,40}){1,4}?)?";

	private static final String VERB = "(?:\\s+(?:(?:is|was|will\\s+be|would\\s+be|should\\s+be|has\\s+been|had\\s+been"
			+ "|remains)(?:\\s+(?:now|still|currently|just|actually|simply|always|literally))?"
			+ "(?:\\s+(?:changed|set|reset|updated)\\s+to)?|(?:changed|set|reset|updated)\\s+to)\\b(?:\\s*[:=])?"
			+ "|'s\\b|\\s*[:=])";

	// a backslash is taken with the character after it: in JSON text an escape is never
	// cut in half, and an escaped closing quote ends the value
	private static final String VALUE = "(?<value>(?:[^\\s\"'\\u2018\\u2019\\u201c\\u201d\\\\,;]|\\\\[^\\s\"'])++)";

	/** The pattern; the secret is its group {@code value}. */
	static final String PATTERN = "(?i)\\b" + NAME + OF_WHAT + VERB + "\\s*(?<quote>\\\\*[\"'\\u2018\\u201c])?" + VALUE;

	private static final int SHORTEST = 4;

	private static final String TRAILING = ".!?:)]}";

	private static final Set<String> UNITS = Set.of("character", "characters", "char", "chars", "digit", "digits",
			"letter", "letters", "number", "numbers", "symbol", "symbols", "day", "days", "week", "weeks", "month",
			"months", "year", "years", "hour", "hours", "minute", "minutes", "second", "seconds", "time", "times",
			"attempt", "attempts", "try", "tries", "long", "old", "ago", "percent", "am", "pm");

	private static final Set<String> QUOTED_WORDS = Set.of("invalid", "incorrect", "wrong", "expired", "locked",
			"required", "missing", "weak", "strong", "empty", "blank", "correct", "right", "none", "null", "unknown",
			"hidden", "redacted", "secret", "password", "changed", "reset", "disabled", "enabled", "valid", "not valid",
			"too short", "too long");

	private ProseSecrets() {
	}

	/**
	 * Where the secret a match states ends, or {@code -1} when the word after the verb
	 * does not look like a secret.
	 * @param matcher the matcher, positioned on a match of {@link #PATTERN}
	 * @param text the text
	 * @return the end of the secret, or {@code -1}
	 */
	static int accept(Matcher matcher, String text) {
		int start = matcher.start(Redactor.VALUE);
		int end = matcher.end(Redactor.VALUE);
		while (end > start && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
			end--;
		}
		if (end - start < SHORTEST || followedByUnit(text, end)) {
			return -1;
		}
		String value = text.substring(start, end);
		if (matcher.start("quote") >= 0) {
			return QUOTED_WORDS.contains(value.toLowerCase(Locale.ROOT)) ? -1 : end;
		}
		return looksLikeSecret(value) ? end : -1;
	}

	/**
	 * Whether a word unquoted in prose looks like a secret rather than a word: a digit, a
	 * symbol other than a hyphen or an apostrophe, or upper case after a lower-case
	 * letter.
	 */
	static boolean looksLikeSecret(String value) {
		boolean lower = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (MatchStarts.isDigit(c)) {
				return true;
			}
			if (Character.isLowerCase(c)) {
				lower = true;
			}
			else if (Character.isUpperCase(c)) {
				if (lower) {
					return true;
				}
			}
			else if (!Character.isLetter(c) && c != '-' && c != '\'' && c != '.') {
				return true;
			}
		}
		return false;
	}

	private static boolean followedByUnit(String text, int end) {
		int at = end;
		while (at < text.length() && text.charAt(at) == ' ') {
			at++;
		}
		int word = at;
		while (at < text.length() && Character.isLetter(text.charAt(at))) {
			at++;
		}
		return at > word && UNITS.contains(text.substring(word, at).toLowerCase(Locale.ROOT));
	}

}
