package dev.llmobs.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces sensitive matches with {@code [REDACTED:<label>]}. Patterns are compiled once;
 * detectors run in a fixed order (secrets, cards, emails, IP addresses, phones, custom)
 * so a card number is never half-taken for a phone number.
 */
public final class Redactor {

	private static final Map<RedactionKind, List<Detector>> BUILT_IN = Collections.unmodifiableMap(builtIn());

	private static final Redactor NONE = new Redactor(List.of());

	/** The group a value detector replaces. */
	static final String VALUE = "value";

	private final List<Detector> detectors;

	private Redactor(List<Detector> detectors) {
		this.detectors = detectors;
	}

	/**
	 * A redactor for the given built-in detectors and custom patterns.
	 * @param kinds the built-in detectors ({@link RedactionKind#CUSTOM} is ignored here)
	 * @param customPatterns regular expressions whose matches are redacted as
	 * {@code custom}
	 * @return the redactor
	 */
	public static Redactor of(Set<RedactionKind> kinds, List<String> customPatterns) {
		List<Detector> detectors = new ArrayList<>();
		for (Map.Entry<RedactionKind, List<Detector>> entry : BUILT_IN.entrySet()) {
			if (kinds.contains(entry.getKey())) {
				detectors.addAll(entry.getValue());
			}
		}
		for (String custom : customPatterns) {
			detectors.add(detector(RedactionKind.CUSTOM, custom, (facts) -> true));
		}
		return detectors.isEmpty() ? NONE : new Redactor(List.copyOf(detectors));
	}

	/**
	 * A redactor that changes nothing.
	 * @return the no-op redactor
	 */
	public static Redactor none() {
		return NONE;
	}

	/**
	 * Redacts the text.
	 * @param text the text
	 * @param listener told once per kind that matched how many of its matches were
	 * replaced
	 * @return the redacted text
	 */
	public String redact(CharSequence text, CaptureListener listener) {
		String result = text.toString();
		if (this.detectors.isEmpty()) {
			return result;
		}
		TextFacts facts = new TextFacts(result);
		// detectors of one kind are adjacent: their counts add up to one report per kind
		int[] count = new int[1];
		RedactionKind kind = null;
		for (Detector detector : this.detectors) {
			if (detector.kind() != kind) {
				report(listener, kind, count);
				kind = detector.kind();
			}
			String redacted = detector.apply(facts, count);
			if (redacted != result) {
				result = redacted;
				facts = new TextFacts(result);
			}
		}
		report(listener, kind, count);
		return result;
	}

	private static void report(CaptureListener listener, RedactionKind kind, int[] count) {
		if (count[0] > 0) {
			listener.redacted(kind, count[0]);
			count[0] = 0;
		}
	}

	private static Map<RedactionKind, List<Detector>> builtIn() {
		// insertion order is the order detectors run in
		Map<RedactionKind, List<Detector>> detectors = new LinkedHashMap<>();
		detectors.put(RedactionKind.SECRETS, List.of(
				// OpenAI / Anthropic style keys: sk-..., sk-proj-..., sk-ant-...
				detector(RedactionKind.SECRETS, "\\bsk-[A-Za-z0-9_-]{20,}", (facts) -> facts.contains("sk-"),
						MatchStarts.literals("sk-")),
				// AWS access key ids
				detector(RedactionKind.SECRETS, "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b",
						(facts) -> facts.contains("AKIA") || facts.contains("ASIA"),
						MatchStarts.literals("AKIA", "ASIA")),
				// JSON Web Tokens
				detector(RedactionKind.SECRETS, "\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}",
						(facts) -> facts.contains("eyJ"), MatchStarts.literals("eyJ")),
				// Bearer tokens: the whole "Bearer <token>" is replaced
				detector(RedactionKind.SECRETS, "(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}", TextFacts::hasBearer,
						MatchStarts.words(TextFacts.BEARER)),
				// JSON fields named like secrets ("password", "apiKey", "clientSecret",
				// "refreshToken"): the string value is replaced, the name kept, so the
				// JSON stays valid and shows what was removed. At any depth: JSON
				// held in a string that was itself serialized has its quotes escaped
				// (\"password\"), once per level. Group 1 takes the backslashes
				// before the name's quote, every quote of the field must carry as
				// many, and an escape of this level inside the value is kept whole.
				valueDetector(RedactionKind.SECRETS,
						"(?i)(\\\\*)\"[A-Za-z0-9_.-]{0,64}?(?:api[_-]?key|private[_-]?key|secret|passw(?:or)?d|token)"
								+ "\\1\"\\s*:\\s*\\1\"(?<value>(?:[^\"\\\\]++|\\\\++(?=[^\"\\\\])"
								+ "|\\1\\\\\\1[\"\\\\])++)\\1\"",
						(facts) -> facts.contains('"') && facts.hasSecretName(),
						MatchStarts.quotedNames(64, word("api", 1), word("private", 3), word("secret", 2),
								word("passw", 4), word("token", 2))),
				// key=value and key: value assignments of well-known secret names; a
				// backslash is taken with the character after it, so an escape in JSON
				// text is never cut in half and an escaped closing quote stays
				detector(RedactionKind.SECRETS,
						"(?i)\\b(?:api[_-]?key|secret|password|passwd|passcode|passphrase|pin|access[_-]?token)\\b"
								+ "\\s*[:=]\\s*(?:\\\\*[\"'])?(?:[^\\s\"',;\\\\]|\\\\[^\\s\"']){4,}",
						(facts) -> (facts.contains('=') || facts.contains(':'))
								&& (facts.hasSecretWord() || facts.hasSecretName()),
						MatchStarts.words(word("api", 1), word("secret", 2), word("pass", 0), word("pin", 0),
								word("access", 1))
							.where(CandidateChecks::assignment)),
				// secrets stated in prose: "my password is Tr0ub4dor&3", "the API
				// key for staging is ...", "PIN was changed to 4821"; only a value
				// that looks like a secret (see ProseSecrets) is replaced
				valueDetector(RedactionKind.SECRETS, ProseSecrets.PATTERN, TextFacts::hasSecretWord,
						MatchStarts.words(ProseSecrets.WORDS).where(CandidateChecks::proseSecret),
						ProseSecrets::accept)));
		detectors.put(RedactionKind.CREDIT_CARDS,
				List.of(detector(RedactionKind.CREDIT_CARDS, "(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])",
						(facts) -> facts.hasDigits(13),
						MatchStarts.runs(MatchStarts.DIGITS, (c) -> MatchStarts.isDigit(c) || c == '-')
							.where(CandidateChecks::cardDigits),
						(matcher, text) -> passesLuhn(matcher.group()) ? matcher.end() : -1)));
		detectors.put(RedactionKind.EMAILS,
				List.of(detector(RedactionKind.EMAILS,
						"\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b",
						(facts) -> facts.contains('@'))));
		detectors.put(RedactionKind.IP_ADDRESSES, List.of(
				detector(RedactionKind.IP_ADDRESSES,
						"(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
								+ "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.])",
						(facts) -> facts.contains('.') && facts.hasDigits(4),
						MatchStarts.runs(MatchStarts.DIGITS, (c) -> MatchStarts.isDigit(c) || c == '.')
							.where(CandidateChecks::ipv4Within15)),
				detector(RedactionKind.IP_ADDRESSES,
						"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])",
						(facts) -> facts.contains(':')),
				detector(RedactionKind.IP_ADDRESSES,
						"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}"
								+ "(?![0-9A-Fa-f:])",
						(facts) -> facts.contains("::"))));
		detectors.put(RedactionKind.PHONES, List.of(
				// international: +44 20 7946 0958, +1-202-555-0147, +4915123456789
				detector(RedactionKind.PHONES, "(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}(?!\\w)",
						(facts) -> facts.contains('+') && facts.hasDigits(7), MatchStarts.literals("+")),
				// North American: (202) 555-0147, 202-555-0147, 202.555.0147
				detector(RedactionKind.PHONES, "(?<![\\w(])(?:\\(\\d{3}\\)\\s?|\\d{3}[.-])\\d{3}[.-]\\d{4}(?!\\w)",
						(facts) -> facts.hasDigits(10),
						MatchStarts.runs("(" + MatchStarts.DIGITS, (c) -> MatchStarts.isWordChar(c) || c == '(')
							.where(CandidateChecks::tenDigitsWithin14))));
		return detectors;
	}

	private static Detector detector(RedactionKind kind, String regex, Predicate<TextFacts> mightMatch) {
		return new Detector(kind, Pattern.compile(regex), mightMatch, null, false, Acceptance.WHOLE);
	}

	private static Detector detector(RedactionKind kind, String regex, Predicate<TextFacts> mightMatch,
			MatchStarts starts) {
		return new Detector(kind, Pattern.compile(regex), mightMatch, starts, false, Acceptance.WHOLE);
	}

	private static Detector detector(RedactionKind kind, String regex, Predicate<TextFacts> mightMatch,
			MatchStarts starts, Acceptance acceptance) {
		return new Detector(kind, Pattern.compile(regex), mightMatch, starts, false, acceptance);
	}

	/** A detector that replaces only what its group named {@code value} matched. */
	private static Detector valueDetector(RedactionKind kind, String regex, Predicate<TextFacts> mightMatch,
			MatchStarts starts) {
		return valueDetector(kind, regex, mightMatch, starts, Acceptance.VALUE);
	}

	private static Detector valueDetector(RedactionKind kind, String regex, Predicate<TextFacts> mightMatch,
			MatchStarts starts, Acceptance acceptance) {
		return new Detector(kind, Pattern.compile(regex), mightMatch, starts, true, acceptance);
	}

	private static TextFacts.AnchoredWord word(String word, int anchor) {
		return new TextFacts.AnchoredWord(word, anchor);
	}

	/**
	 * The same detectors, each searching every index: the reference the candidate starts
	 * are tested against.
	 */
	Redactor searchingEveryIndex() {
		return new Redactor(this.detectors.stream()
			.map((d) -> new Detector(d.kind(), d.pattern(), d.mightMatch(), null, d.valueOnly(), d.acceptance()))
			.toList());
	}

	/**
	 * One pattern with a cheap test that rules out most text before the regex runs:
	 * scanning for {@code sk-} or {@code @} costs a fraction of trying a pattern at every
	 * position.
	 */
	private record Detector(RedactionKind kind, Pattern pattern, Predicate<TextFacts> mightMatch, MatchStarts starts,
			boolean valueOnly, Acceptance acceptance) {

		/**
		 * Returns the redacted text and adds the number of matches to {@code count[0]}.
		 */
		String apply(TextFacts facts, int[] count) {
			String text = facts.text();
			if (!this.mightMatch.test(facts)) {
				return text;
			}
			Matcher matcher = this.pattern.matcher(text);
			// look-behinds and word boundaries see past a candidate's region
			matcher.useTransparentBounds(true).useAnchoringBounds(false);
			IntUnaryOperator candidates = (this.starts != null) ? this.starts.in(facts) : null;
			StringBuilder result = null;
			int matches = 0;
			int last = 0;
			int from = 0;
			while (findFrom(matcher, candidates, text.length(), from)) {
				// never stand still on an empty match
				from = Math.max(matcher.end(), matcher.start() + 1);
				int end = this.acceptance.end(matcher, text);
				if (end < 0) {
					continue;
				}
				if (result == null) {
					result = new StringBuilder(text.length());
				}
				result.append(text, last, this.valueOnly ? matcher.start(VALUE) : matcher.start())
					.append("[REDACTED:")
					.append(this.kind.label())
					.append(']');
				last = end;
				matches++;
			}
			if (matches == 0) {
				return text;
			}
			result.append(text, last, text.length());
			count[0] += matches;
			return result.toString();
		}

		/**
		 * Finds the next match: at the next candidate that matches, or, without
		 * candidates, by searching on from the last match.
		 */
		private static boolean findFrom(Matcher matcher, IntUnaryOperator candidates, int length, int from) {
			if (candidates == null) {
				return matcher.find();
			}
			for (int at = candidates.applyAsInt(from); at >= 0; at = candidates.applyAsInt(at + 1)) {
				matcher.region(at, length);
				if (matcher.lookingAt()) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * Decides whether a match is redacted and where the replaced text ends.
	 */
	@FunctionalInterface
	interface Acceptance {

		/** The whole match is replaced. */
		Acceptance WHOLE = (matcher, text) -> matcher.end();

		/** The group named {@code value} is replaced. */
		Acceptance VALUE = (matcher, text) -> matcher.end(Redactor.VALUE);

		/**
		 * Where the replaced text ends.
		 * @param matcher the matcher, positioned on a match
		 * @param text the text searched
		 * @return the end of the replaced text, or {@code -1} to keep the match
		 */
		int end(Matcher matcher, String text);

	}

	static boolean passesLuhn(String candidate) {
		int sum = 0;
		int digits = 0;
		boolean doubled = false;
		for (int i = candidate.length() - 1; i >= 0; i--) {
			char c = candidate.charAt(i);
			if (c < '0' || c > '9') {
				continue;
			}
			int digit = c - '0';
			if (doubled) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubled = !doubled;
			digits++;
		}
		return digits >= 13 && digits <= 19 && sum % 10 == 0;
	}

}
