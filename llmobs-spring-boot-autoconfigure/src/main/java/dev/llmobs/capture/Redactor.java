package dev.llmobs.capture;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces sensitive matches with {@code [REDACTED:<label>]}. Patterns are compiled once;
 * detectors run in a fixed order (secrets, cards, emails, IP addresses, phones, custom)
 * so a card number is never half-taken for a phone number.
 */
public final class Redactor {

	private static final Map<RedactionKind, List<Pattern>> BUILT_IN = builtIn();

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
		for (Map.Entry<RedactionKind, List<Pattern>> entry : BUILT_IN.entrySet()) {
			if (kinds.contains(entry.getKey())) {
				entry.getValue().forEach((pattern) -> detectors.add(new Detector(entry.getKey(), pattern)));
			}
		}
		for (String custom : customPatterns) {
			detectors.add(new Detector(RedactionKind.CUSTOM, Pattern.compile(custom)));
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
	 * @param listener told how many matches of each kind were replaced
	 * @return the redacted text
	 */
	public String redact(CharSequence text, CaptureListener listener) {
		String result = text.toString();
		for (Detector detector : this.detectors) {
			result = detector.apply(result, listener);
		}
		return result;
	}

	private static Map<RedactionKind, List<Pattern>> builtIn() {
		Map<RedactionKind, List<Pattern>> patterns = new EnumMap<>(RedactionKind.class);
		patterns.put(RedactionKind.SECRETS, List.of(
				// OpenAI / Anthropic style keys: sk-..., sk-proj-..., sk-ant-...
				Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}"),
				// AWS access key ids
				Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
				// JSON Web Tokens
				Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}"),
				// Bearer tokens: the whole "Bearer <token>" is replaced
				Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}"),
				// key=value and key: value assignments of well-known secret names
				Pattern.compile(
						"(?i)\\b(?:api[_-]?key|secret|password|passwd|access[_-]?token)\\b\\s*[:=]\\s*[\"']?[^\\s\"',;]{4,}")));
		patterns.put(RedactionKind.CREDIT_CARDS,
				List.of(Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])")));
		patterns.put(RedactionKind.EMAILS,
				List.of(Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b")));
		patterns.put(RedactionKind.IP_ADDRESSES,
				List.of(Pattern.compile("(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
						+ "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.])"),
						Pattern.compile("(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])"),
						Pattern.compile(
								"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}"
										+ "(?![0-9A-Fa-f:])")));
		patterns.put(RedactionKind.PHONES, List.of(
				// international: +44 20 7946 0958, +1-202-555-0147, +4915123456789
				Pattern.compile("(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}(?!\\w)"),
				// North American: (202) 555-0147, 202-555-0147, 202.555.0147
				Pattern.compile("(?<![\\w(])(?:\\(\\d{3}\\)\\s?|\\d{3}[.-])\\d{3}[.-]\\d{4}(?!\\w)")));
		return patterns;
	}

	private record Detector(RedactionKind kind, Pattern pattern) {

		String apply(String text, CaptureListener listener) {
			Matcher matcher = this.pattern.matcher(text);
			if (!matcher.find()) {
				return text;
			}
			StringBuilder result = new StringBuilder(text.length());
			int count = 0;
			int last = 0;
			do {
				if (this.kind == RedactionKind.CREDIT_CARDS && !passesLuhn(matcher.group())) {
					continue;
				}
				result.append(text, last, matcher.start()).append("[REDACTED:").append(this.kind.label()).append(']');
				last = matcher.end();
				count++;
			}
			while (matcher.find());
			if (count == 0) {
				return text;
			}
			result.append(text, last, text.length());
			listener.redacted(this.kind, count);
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
