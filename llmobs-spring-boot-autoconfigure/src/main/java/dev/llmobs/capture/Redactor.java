package dev.llmobs.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
			detectors.add(detector(RedactionKind.CUSTOM, custom, (text) -> true));
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
		// detectors of one kind are adjacent: their counts add up to one report per kind
		int[] count = new int[1];
		RedactionKind kind = null;
		for (Detector detector : this.detectors) {
			if (detector.kind() != kind) {
				report(listener, kind, count);
				kind = detector.kind();
			}
			result = detector.apply(result, count);
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
				detector(RedactionKind.SECRETS, "\\bsk-[A-Za-z0-9_-]{20,}", (text) -> text.contains("sk-")),
				// AWS access key ids
				detector(RedactionKind.SECRETS, "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b",
						(text) -> text.contains("AKIA") || text.contains("ASIA")),
				// JSON Web Tokens
				detector(RedactionKind.SECRETS, "\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}",
						(text) -> text.contains("eyJ")),
				// Bearer tokens: the whole "Bearer <token>" is replaced
				detector(RedactionKind.SECRETS, "(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}",
						(text) -> containsIgnoreCase(text, "bearer")),
				// key=value and key: value assignments of well-known secret names
				detector(RedactionKind.SECRETS,
						"(?i)\\b(?:api[_-]?key|secret|password|passwd|access[_-]?token)\\b\\s*[:=]\\s*[\"']?[^\\s\"',;]{4,}",
						(text) -> (text.indexOf('=') >= 0 || text.indexOf(':') >= 0) && containsSecretName(text))));
		detectors.put(RedactionKind.CREDIT_CARDS, List.of(detector(RedactionKind.CREDIT_CARDS,
				"(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])", (text) -> digits(text) >= 13)));
		detectors.put(RedactionKind.EMAILS,
				List.of(detector(RedactionKind.EMAILS,
						"\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b",
						(text) -> text.indexOf('@') >= 0)));
		detectors.put(RedactionKind.IP_ADDRESSES, List.of(
				detector(RedactionKind.IP_ADDRESSES,
						"(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
								+ "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.])",
						(text) -> text.indexOf('.') >= 0 && digits(text) >= 4),
				detector(RedactionKind.IP_ADDRESSES,
						"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])",
						(text) -> text.indexOf(':') >= 0),
				detector(RedactionKind.IP_ADDRESSES,
						"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}"
								+ "(?![0-9A-Fa-f:])",
						(text) -> text.contains("::"))));
		detectors.put(RedactionKind.PHONES, List.of(
				// international: +44 20 7946 0958, +1-202-555-0147, +4915123456789
				detector(RedactionKind.PHONES, "(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}(?!\\w)",
						(text) -> text.indexOf('+') >= 0 && digits(text) >= 7),
				// North American: (202) 555-0147, 202-555-0147, 202.555.0147
				detector(RedactionKind.PHONES, "(?<![\\w(])(?:\\(\\d{3}\\)\\s?|\\d{3}[.-])\\d{3}[.-]\\d{4}(?!\\w)",
						(text) -> digits(text) >= 10)));
		return detectors;
	}

	private static Detector detector(RedactionKind kind, String regex, Predicate<String> mightMatch) {
		return new Detector(kind, Pattern.compile(regex), mightMatch);
	}

	/** Counts ASCII digits, stopping early once there are enough for any detector. */
	private static int digits(String text) {
		int count = 0;
		for (int i = 0; i < text.length() && count < 13; i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				count++;
			}
		}
		return count;
	}

	/**
	 * Whether the text holds "key", "secret", "passw" or "token" in any case: one pass.
	 */
	private static boolean containsSecretName(String text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			// setting bit 0x20 lower-cases an ASCII letter
			switch (text.charAt(i) | 0x20) {
				case 'k' -> {
					if (startsWithIgnoreCase(text, i, "key")) {
						return true;
					}
				}
				case 's' -> {
					if (startsWithIgnoreCase(text, i, "secret")) {
						return true;
					}
				}
				case 'p' -> {
					if (startsWithIgnoreCase(text, i, "passw")) {
						return true;
					}
				}
				case 't' -> {
					if (startsWithIgnoreCase(text, i, "token")) {
						return true;
					}
				}
				default -> {
				}
			}
		}
		return false;
	}

	private static boolean containsIgnoreCase(String text, String word) {
		int last = text.length() - word.length();
		char first = word.charAt(0);
		for (int i = 0; i <= last; i++) {
			if ((text.charAt(i) | 0x20) == first && startsWithIgnoreCase(text, i, word)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether {@code word} (lower-case ASCII letters) starts at {@code from}, in any
	 * case. Cheaper than {@link String#regionMatches(boolean, int, String, int, int)},
	 * which folds case through {@link Character} for every character.
	 */
	private static boolean startsWithIgnoreCase(String text, int from, String word) {
		if (from + word.length() > text.length()) {
			return false;
		}
		for (int k = 0; k < word.length(); k++) {
			if ((text.charAt(from + k) | 0x20) != word.charAt(k)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * One pattern with a cheap test that rules out most text before the regex runs:
	 * scanning for {@code sk-} or {@code @} costs a fraction of trying a pattern at every
	 * position.
	 */
	private record Detector(RedactionKind kind, Pattern pattern, Predicate<String> mightMatch) {

		/**
		 * Returns the redacted text and adds the number of matches to {@code count[0]}.
		 */
		String apply(String text, int[] count) {
			if (!this.mightMatch.test(text)) {
				return text;
			}
			Matcher matcher = this.pattern.matcher(text);
			if (!matcher.find()) {
				return text;
			}
			StringBuilder result = new StringBuilder(text.length());
			int matches = 0;
			int last = 0;
			do {
				if (this.kind == RedactionKind.CREDIT_CARDS && !passesLuhn(matcher.group())) {
					continue;
				}
				result.append(text, last, matcher.start()).append("[REDACTED:").append(this.kind.label()).append(']');
				last = matcher.end();
				matches++;
			}
			while (matcher.find());
			if (matches == 0) {
				return text;
			}
			result.append(text, last, text.length());
			count[0] += matches;
			return result.toString();
		}

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
