package dev.llmobs.springai;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

import dev.llmobs.llm.LlmUsage;
import dev.llmobs.llm.UsageExtractor;

/**
 * Reads Spring AI's {@link ChatResponse}. Only instantiated when Spring AI is present.
 */
public final class SpringAiUsageExtractor implements UsageExtractor {

	@Override
	public LlmUsage extract(Object response) {
		if (!(response instanceof ChatResponse chat)) {
			return null;
		}
		Usage usage = (chat.getMetadata() != null) ? chat.getMetadata().getUsage() : null;
		if (usage != null && isZero(usage.getPromptTokens()) && isZero(usage.getCompletionTokens())) {
			// Spring AI's stream aggregation reports 0/0 when the provider sent no usage
			// (OpenAI streams without usage in their stream options): unknown, not free.
			usage = null;
		}
		List<String> finishReasons = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		for (Generation generation : chat.getResults()) {
			if (generation.getMetadata() != null && generation.getMetadata().getFinishReason() != null) {
				finishReasons.add(generation.getMetadata().getFinishReason());
			}
			if (generation.getOutput() != null && generation.getOutput().getText() != null) {
				text.append(generation.getOutput().getText());
			}
		}
		String model = (chat.getMetadata() != null) ? chat.getMetadata().getModel() : null;
		return new LlmUsage(toLong(usage != null ? usage.getPromptTokens() : null),
				toLong(usage != null ? usage.getCompletionTokens() : null),
				(usage != null) ? usage.getCacheReadInputTokens() : null, emptyToNull(model), finishReasons,
				text.toString());
	}

	private static boolean isZero(Integer value) {
		return value == null || value == 0;
	}

	private static Long toLong(Integer value) {
		return (value != null) ? value.longValue() : null;
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
