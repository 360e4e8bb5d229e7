package dev.llmobs.web;

/**
 * Accepts ids of at most {@code maxLength} visible ASCII characters without separators
 * (whitespace, quotes, brackets, commas, semicolons, backslashes) or control characters.
 * An invalid value is rejected whole, never cut or cleaned into something else.
 */
public final class IdValidator {

	private final int maxLength;

	/**
	 * Creates a validator.
	 * @param maxLength the maximum length
	 */
	public IdValidator(int maxLength) {
		this.maxLength = maxLength;
	}

	/**
	 * Why a value is rejected.
	 * @param value the raw value, not {@code null}
	 * @return {@code null} when valid, else the reason: {@code empty}, {@code too-long}
	 * or {@code invalid-characters}
	 */
	public String rejection(String value) {
		if (value.isEmpty()) {
			return "empty";
		}
		if (value.length() > this.maxLength) {
			return "too-long";
		}
		for (int i = 0; i < value.length(); i++) {
			if (!isAllowed(value.charAt(i))) {
				return "invalid-characters";
			}
		}
		return null;
	}

	private static boolean isAllowed(char c) {
		if (c <= 0x20 || c >= 0x7F) {
			return false;
		}
		return switch (c) {
			case '"', '\'', ',', ';', '\\', '<', '>', '(', ')', '[', ']', '{', '}', '`' -> false;
			default -> true;
		};
	}

}
