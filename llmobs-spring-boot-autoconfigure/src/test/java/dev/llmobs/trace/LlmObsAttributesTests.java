package dev.llmobs.trace;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LlmObsAttributesTests {

	/**
	 * Keys the public contract names although OpenTelemetry's semantic conventions do
	 * not.
	 */
	private static final Set<String> CONTRACT_EXTENSIONS = Set.of("gen_ai.usage.cost", "gen_ai.workflow.name",
			"gen_ai.evaluation.verdict");

	/**
	 * Defined by the GenAI conventions with type {@code any} (structured messages), which
	 * the generated Java constants leave out; recorded as JSON text, as the conventions
	 * allow where structured attributes are not supported.
	 */
	private static final Set<String> ANY_TYPED = Set.of("gen_ai.input.messages", "gen_ai.output.messages");

	@Test
	void everyGenAiKeyExistsInTheSemanticConventions() throws IllegalAccessException {
		Set<String> semconv = keysOf(GenAiIncubatingAttributes.class);
		List<String> ours = keysOf(LlmObsAttributes.class).stream()
			.filter((key) -> key.startsWith("gen_ai."))
			.filter((key) -> !CONTRACT_EXTENSIONS.contains(key) && !ANY_TYPED.contains(key))
			.toList();
		assertThat(ours).isNotEmpty();
		assertThat(semconv).containsAll(ours);
	}

	@Test
	void tokenCountsAreTypedAsLongs() {
		assertThat(LlmObsAttributes.LLM_TOKEN_COUNT_PROMPT.getType().name()).isEqualTo("LONG");
		assertThat(LlmObsAttributes.GEN_AI_USAGE_INPUT_TOKENS.getType().name()).isEqualTo("LONG");
	}

	private static Set<String> keysOf(Class<?> type) throws IllegalAccessException {
		Set<String> keys = new HashSet<>();
		for (Field field : type.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && AttributeKey.class.isAssignableFrom(field.getType())) {
				keys.add(((AttributeKey<?>) field.get(null)).getKey());
			}
		}
		return keys;
	}

}
