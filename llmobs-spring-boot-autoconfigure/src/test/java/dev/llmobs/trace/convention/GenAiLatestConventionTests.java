package dev.llmobs.trace.convention;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GenAiLatestConventionTests {

	private final GenAiLatestConvention convention = new GenAiLatestConvention();

	@Test
	void providerFinishReasonsAreWrittenInTheConventionsWords() {
		assertThat(this.convention.finishReason("STOP")).isEqualTo("stop");
		assertThat(this.convention.finishReason("end_turn")).isEqualTo("stop");
		assertThat(this.convention.finishReason("max_tokens")).isEqualTo("length");
		assertThat(this.convention.finishReason("tool_use")).isEqualTo("tool_call");
		assertThat(this.convention.finishReason("SAFETY")).isEqualTo("content_filter");
		assertThat(this.convention.finishReason("Other")).isEqualTo("other");
	}

	@Test
	void toolCallArgumentsAreJsonValuesOnlyWhenTheCapturedTextIsJson() {
		assertThat(this.convention.toolCallArguments("{\"id\":42}").toString()).isEqualTo("{\"id\":42}");
		assertThat(this.convention.toolCallArguments("{\"id\":42}")).isNotInstanceOf(String.class);
		assertThat(this.convention.toolCallArguments("{\"id\":4…[truncated 9 chars]"))
			.isEqualTo("{\"id\":4…[truncated 9 chars]");
		assertThat(this.convention.toolCallArguments("order 42")).isEqualTo("order 42");
	}

}
