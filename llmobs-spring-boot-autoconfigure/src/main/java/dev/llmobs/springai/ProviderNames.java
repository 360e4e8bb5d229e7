package dev.llmobs.springai;

import java.util.Locale;
import java.util.Map;

import dev.llmobs.trace.convention.ModelProvider;

/**
 * The names one model provider goes by: Spring AI's ({@code AiProvider}), the
 * OpenTelemetry GenAI {@code gen_ai.provider.name}, and OpenInference's
 * {@code llm.provider} and {@code llm.system}.
 *
 * @param genAi the {@code gen_ai.provider.name} value
 * @param openInferenceProvider the {@code llm.provider} value (the hosting provider)
 * @param openInferenceSystem the {@code llm.system} value (the model family)
 */
record ProviderNames(String genAi, String openInferenceProvider, String openInferenceSystem) {

	private static final Map<String, ProviderNames> KNOWN = Map.ofEntries(
			Map.entry("openai", new ProviderNames("openai", "openai", "openai")),
			Map.entry("azure-openai", new ProviderNames("azure.ai.openai", "azure", "openai")),
			Map.entry("azure_openai", new ProviderNames("azure.ai.openai", "azure", "openai")),
			Map.entry("anthropic", new ProviderNames("anthropic", "anthropic", "anthropic")),
			Map.entry("bedrock_converse", new ProviderNames("aws.bedrock", "aws", "bedrock")),
			Map.entry("bedrock", new ProviderNames("aws.bedrock", "aws", "bedrock")),
			Map.entry("deepseek", new ProviderNames("deepseek", "deepseek", "deepseek")),
			Map.entry("google_genai", new ProviderNames("gcp.gen_ai", "google", "vertexai")),
			Map.entry("vertex_ai", new ProviderNames("gcp.vertex_ai", "google", "vertexai")),
			Map.entry("mistral_ai", new ProviderNames("mistral_ai", "mistralai", "mistralai")),
			Map.entry("ollama", new ProviderNames("ollama", "ollama", "ollama")),
			Map.entry("minimax", new ProviderNames("minimax", "minimax", "minimax")),
			Map.entry("zhipuai", new ProviderNames("zhipuai", "zhipuai", "zhipuai")));

	/**
	 * The names as the conventions take them.
	 * @return the provider's names
	 */
	ModelProvider modelProvider() {
		return new ModelProvider(this.genAi, this.openInferenceProvider, this.openInferenceSystem);
	}

	/**
	 * Maps Spring AI's provider name.
	 * @param springAiProvider the name from the observation's operation metadata
	 * @return the names; an unknown provider keeps its own name everywhere
	 */
	static ProviderNames of(String springAiProvider) {
		if (springAiProvider == null || springAiProvider.isBlank()) {
			return new ProviderNames("", "", "");
		}
		String key = springAiProvider.trim().toLowerCase(Locale.ROOT);
		ProviderNames known = KNOWN.get(key);
		return (known != null) ? known : new ProviderNames(key, key, key);
	}

}
