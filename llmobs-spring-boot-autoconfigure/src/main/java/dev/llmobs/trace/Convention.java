package dev.llmobs.trace;

import java.util.Locale;

/**
 * An attribute convention spans are written in ({@code llmobs.conventions}).
 */
public enum Convention {

	/** Arize OpenInference: {@code openinference.span.kind}, {@code input.value}, ... */
	OPENINFERENCE,

	/** OpenTelemetry GenAI semantic conventions: {@code gen_ai.*}. */
	GEN_AI;

	/**
	 * Parses {@code openinference} or {@code gen-ai} (case and separator insensitive).
	 * @param name the configured name
	 * @return the convention
	 */
	public static Convention fromName(String name) {
		String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(".", "_");
		return switch (normalized) {
			case "openinference" -> OPENINFERENCE;
			case "gen_ai", "genai" -> GEN_AI;
			default -> throw new IllegalArgumentException(
					"Unknown llmobs convention '" + name + "'; use 'openinference' or 'gen-ai'");
		};
	}

}
