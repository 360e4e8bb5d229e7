package dev.llmobs.trace;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * An attribute convention spans are written in ({@code llmobs.conventions}); each is
 * written by one {@link dev.llmobs.trace.convention.LlmSpanConvention}.
 */
public enum Convention {

	/** Arize OpenInference: {@code openinference.span.kind}, {@code input.value}, ... */
	OPENINFERENCE("openinference"),

	/** OpenTelemetry GenAI semantic conventions: {@code gen_ai.*}. */
	GEN_AI("gen-ai"),

	/**
	 * The newest published OpenTelemetry GenAI semantic conventions; written instead of
	 * {@link #GEN_AI} when both are selected.
	 */
	GEN_AI_LATEST("gen-ai-latest");

	/** What is written when nothing is configured: OpenInference and GenAI. */
	public static final Set<Convention> DEFAULTS = Collections.unmodifiableSet(EnumSet.of(OPENINFERENCE, GEN_AI));

	private final String configName;

	Convention(String configName) {
		this.configName = configName;
	}

	/**
	 * The name used in {@code llmobs.conventions}, also the name of the convention that
	 * writes it.
	 * @return the name, such as {@code gen-ai}
	 */
	public String configName() {
		return this.configName;
	}

	/**
	 * Parses {@code openinference}, {@code gen-ai} or {@code gen-ai-latest} (case and
	 * separator insensitive).
	 * @param name the configured name
	 * @return the convention
	 */
	public static Convention fromName(String name) {
		String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(".", "_");
		return switch (normalized) {
			case "openinference" -> OPENINFERENCE;
			case "gen_ai", "genai" -> GEN_AI;
			case "gen_ai_latest", "genai_latest", "gen_ai_latest_experimental" -> GEN_AI_LATEST;
			default -> throw new IllegalArgumentException(
					"Unknown llmobs convention '" + name + "'; use 'openinference', 'gen-ai' or 'gen-ai-latest'");
		};
	}

}
