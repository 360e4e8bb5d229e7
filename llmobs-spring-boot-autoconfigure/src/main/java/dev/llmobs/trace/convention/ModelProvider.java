package dev.llmobs.trace.convention;

/**
 * The names one model provider goes by in each convention.
 *
 * @param genAiName the OpenTelemetry {@code gen_ai.provider.name} value
 * @param openInferenceProvider OpenInference's {@code llm.provider} (the hosting
 * provider)
 * @param openInferenceSystem OpenInference's {@code llm.system} (the model family)
 */
public record ModelProvider(String genAiName, String openInferenceProvider, String openInferenceSystem) {

}
