package dev.llmobs.llm;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReflectiveUsageExtractorTests {

	private final ReflectiveUsageExtractor extractor = new ReflectiveUsageExtractor();

	@Test
	void eachClassIsReadThroughItsOwnAccessorsAcrossCalls() {
		Completion completion = new Completion(new PromptUsage(12, 5), "gpt-4o-mini",
				List.of(new Choice("stop"), new Choice("length")));
		Response response = new Response(new TokenUsage(7, 3), "llama3", "Hello");
		for (int i = 0; i < 3; i++) {
			LlmUsage first = this.extractor.extract(completion);
			assertThat(first.inputTokens()).isEqualTo(12);
			assertThat(first.outputTokens()).isEqualTo(5);
			assertThat(first.responseModel()).isEqualTo("gpt-4o-mini");
			assertThat(first.finishReasons()).containsExactly("stop", "length");
			assertThat(first.outputText()).isNull();
			LlmUsage second = this.extractor.extract(response);
			assertThat(second.inputTokens()).isEqualTo(7);
			assertThat(second.outputTokens()).isEqualTo(3);
			assertThat(second.responseModel()).isEqualTo("llama3");
			assertThat(second.finishReasons()).isEmpty();
			assertThat(second.outputText()).isEqualTo("Hello");
		}
	}

	@Test
	void aClassWithoutUsageOrCountsGivesNothing() {
		assertThat(this.extractor.extract("plain text")).isNull();
		assertThat(this.extractor.extract(new Response(null, "m", "t"))).isNull();
		assertThat(this.extractor.extract(new Completion(new PromptUsage(null, null), "m", List.of()))).isNull();
	}

	@Test
	void mapsAreReadByKey() {
		LlmUsage usage = this.extractor
			.extract(Map.of("usage", Map.of("prompt_tokens", 4, "completion_tokens", 2), "model", "m"));
		assertThat(usage.inputTokens()).isEqualTo(4);
		assertThat(usage.outputTokens()).isEqualTo(2);
		assertThat(usage.responseModel()).isEqualTo("m");
	}

	@Test
	void aFailingAccessorReadsAsAbsentAndAHiddenClassIsStillRead() {
		LlmUsage usage = this.extractor.extract(new FailingModel(new HiddenUsage()));
		assertThat(usage.inputTokens()).isEqualTo(9);
		assertThat(usage.outputTokens()).isEqualTo(1);
		assertThat(usage.responseModel()).isNull();
		assertThat(usage.outputText()).isNull();
	}

	public record FailingModel(HiddenUsage usage) {

		public String model() {
			throw new IllegalStateException("no model");
		}

		public String text() {
			throw new AssertionError("an error in an accessor");
		}

	}

	static final class HiddenUsage {

		public long inputTokens() {
			return 9;
		}

		public Long outputTokens() {
			return 1L;
		}

	}

	public record PromptUsage(Integer promptTokens, Integer completionTokens) {
	}

	public record Choice(String finishReason) {
	}

	public record Completion(PromptUsage usage, String model, List<Choice> choices) {
	}

	public static final class TokenUsage {

		private final int input;

		private final int output;

		TokenUsage(int input, int output) {
			this.input = input;
			this.output = output;
		}

		public int getInputTokens() {
			return this.input;
		}

		public int getOutputTokens() {
			return this.output;
		}

	}

	public static final class Response {

		private final TokenUsage usage;

		private final String model;

		private final String text;

		Response(TokenUsage usage, String model, String text) {
			this.usage = usage;
			this.model = model;
			this.text = text;
		}

		public TokenUsage getUsage() {
			return this.usage;
		}

		public String getModelName() {
			return this.model;
		}

		public String getText() {
			return this.text;
		}

	}

}
