package dev.llmobs.capture;

import java.util.Locale;

/**
 * The detectors redaction can apply; each replaces its matches with
 * {@code [REDACTED:<label>]}.
 */
public enum RedactionKind {

	/**
	 * API keys ({@code sk-...}, {@code AKIA...}), bearer tokens, JWTs,
	 * {@code password=...} and {@code pin: ...}, JSON fields named like secrets at any
	 * depth of serialization, and secrets stated in prose ("my password is ...").
	 */
	SECRETS("secrets", "secret"),

	/** Card numbers of 13 to 19 digits that pass the Luhn check. */
	CREDIT_CARDS("credit-cards", "credit-card"),

	/** Email addresses. */
	EMAILS("emails", "email"),

	/** Phone numbers in international or North American format. */
	PHONES("phones", "phone"),

	/** IPv4 and IPv6 addresses. */
	IP_ADDRESSES("ip-addresses", "ip-address"),

	/** The user's own regular expressions. */
	CUSTOM("custom", "custom");

	private final String configName;

	private final String label;

	RedactionKind(String configName, String label) {
		this.configName = configName;
		this.label = label;
	}

	/**
	 * The name used in {@code llmobs.capture.redact} and in metric tags.
	 * @return the configuration name
	 */
	public String configName() {
		return this.configName;
	}

	/**
	 * The label inside the replacement marker.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Parses a configured name such as {@code credit-cards} (case and separator
	 * insensitive).
	 * @param name the name
	 * @return the kind
	 */
	public static RedactionKind fromName(String name) {
		String normalized = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		for (RedactionKind kind : values()) {
			if (kind.configName.equals(normalized) || kind.label.equals(normalized)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown redaction '" + name
				+ "'; use secrets, credit-cards, emails, phones or ip-addresses (and redact-patterns for your own)");
	}

}
