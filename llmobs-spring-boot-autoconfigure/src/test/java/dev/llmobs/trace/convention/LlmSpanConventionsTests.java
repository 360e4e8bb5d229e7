package dev.llmobs.trace.convention;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.llmobs.trace.Convention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LlmSpanConventionsTests {

	@Test
	void theDefaultsAreOpenInferenceThenGenAi() {
		assertThat(LlmSpanConventions.defaults().all()).hasSize(2)
			.satisfiesExactly((first) -> assertThat(first).isInstanceOf(OpenInferenceConvention.class),
					(second) -> assertThat(second).isExactlyInstanceOf(GenAiConvention.class));
	}

	@Test
	void theLatestGenAiConventionIsWrittenInsteadOfTheOld() {
		assertThat(LlmSpanConventions.of(EnumSet.allOf(Convention.class)).names()).containsExactly("openinference",
				"gen-ai-latest");
	}

	@Test
	void aUserConventionFillsTheSlotOfTheBuiltInWithItsName() {
		GenAiConvention mine = new GenAiConvention();
		assertThat(LlmSpanConventions.of(Convention.DEFAULTS, List.of(mine)).all()).element(1).isSameAs(mine);
	}

	@Test
	void aUserConventionNamedLikeAnUnselectedBuiltInIsLeftOut() {
		LlmSpanConventions conventions = LlmSpanConventions.of(EnumSet.of(Convention.OPENINFERENCE),
				List.of(new GenAiLatestConvention()));
		assertThat(conventions.names()).containsExactly("openinference");
	}

	@Test
	void aUserConventionWithItsOwnNameIsAddedAfterTheBuiltIns() {
		LlmSpanConvention acme = () -> "acme";
		assertThat(LlmSpanConventions.of(Convention.DEFAULTS, List.of(acme)).names()).containsExactly("openinference",
				"gen-ai", "acme");
	}

	@Test
	void namesParseCaseAndSeparatorInsensitively() {
		assertThat(Convention.fromName("Gen_AI-latest")).isEqualTo(Convention.GEN_AI_LATEST);
		assertThat(Convention.fromName("genai")).isEqualTo(Convention.GEN_AI);
		assertThatIllegalArgumentException().isThrownBy(() -> Convention.fromName("zipkin"))
			.withMessageContaining("gen-ai-latest");
	}

}
