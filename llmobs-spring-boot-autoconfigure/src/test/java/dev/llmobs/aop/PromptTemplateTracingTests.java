package dev.llmobs.aop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmobs.LlmObs;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmPrompt;
import dev.llmobs.context.LlmObsScope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prompt templates declared by annotation and by scope, as recorded on LLM spans.
 */
class PromptTemplateTracingTests {

	static final String TEMPLATE = "You answer questions about {product}. Question: {question}";

	private final TracingFixture tracing = new TracingFixture();

	private final Model model = this.tracing.proxy(new Model());

	private final Flow flow = this.tracing.proxy(new Flow(this.model));

	@AfterEach
	void close() {
		this.tracing.tracerProvider.close();
	}

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@Test
	void annotationDeclaresTheTemplateOnTheMethodsOwnLlmSpan() throws Exception {
		this.model.declared("hi");

		SpanData span = this.tracing.span("declared");
		assertThat(attr(span, "gen_ai.prompt.name")).isEqualTo("answer");
		assertThat(attr(span, "llm.prompt_template.version")).isEqualTo("7");
		assertThat(attr(span, "llm.prompt_template.template")).isEqualTo(TEMPLATE);
		String expected = "sha256:" + HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(TEMPLATE.getBytes(StandardCharsets.UTF_8)));
		assertThat(attr(span, "llmobs.prompt.hash")).isEqualTo(expected);
	}

	@Test
	void scopeDeclaresTheTemplateWithRedactedVariablesForCallsInside() {
		try (LlmObsScope prompt = LlmObs.promptTemplate("faq", "2", TEMPLATE,
				Map.of("question", "mail me at jane@example.com"))) {
			this.model.plain("hi");
		}
		this.model.plain("after");

		SpanData inside = this.tracing.spans().get(0);
		assertThat(attr(inside, "gen_ai.prompt.name")).isEqualTo("faq");
		assertThat(attr(inside, "llm.prompt_template.version")).isEqualTo("2");
		assertThat(attr(inside, "llm.prompt_template.variables"))
			.isEqualTo("{\"question\":\"mail me at [REDACTED:email]\"}");
		SpanData after = this.tracing.spans().get(1);
		assertThat(attr(after, "gen_ai.prompt.name")).isNull();
		assertThat(attr(after, "llm.prompt_template.version")).isNull();
	}

	@Test
	void innerDeclarationWinsAndOuterAppliesElsewhere() {
		this.flow.run("q");

		assertThat(attr(this.tracing.span("declared"), "gen_ai.prompt.name")).isEqualTo("answer");
		assertThat(attr(this.tracing.span("plain"), "gen_ai.prompt.name")).isEqualTo("flow-prompt");
		assertThat(attr(this.tracing.span("plain"), "llm.prompt_template.version")).isEqualTo("1");
		assertThat(attr(this.tracing.span("scoped"), "gen_ai.prompt.name")).isEqualTo("by-hand");
		// The template belongs on model calls, not on the chain that declares it.
		assertThat(attr(this.tracing.span("flow"), "gen_ai.prompt.name")).isNull();
	}

	@Test
	void editingTheTextWithoutAVersionBumpChangesTheHash() {
		try (LlmObsScope prompt = LlmObs.promptTemplate("faq", "2", TEMPLATE, Map.of())) {
			this.model.plain("a");
		}
		try (LlmObsScope prompt = LlmObs.promptTemplate("faq", "2", TEMPLATE, Map.of())) {
			this.model.plain("b");
		}
		try (LlmObsScope prompt = LlmObs.promptTemplate("faq", "2", TEMPLATE + " Be brief.", Map.of())) {
			this.model.plain("c");
		}
		String first = attr(this.tracing.spans().get(0), "llmobs.prompt.hash");
		assertThat(attr(this.tracing.spans().get(1), "llmobs.prompt.hash")).isEqualTo(first);
		assertThat(attr(this.tracing.spans().get(2), "llmobs.prompt.hash")).isNotEqualTo(first).startsWith("sha256:");
	}

	public static class Model {

		@LlmCall(name = "declared")
		@LlmPrompt(id = "answer", version = "7", template = TEMPLATE)
		public String declared(String question) {
			return "answer";
		}

		@LlmCall(name = "plain")
		public String plain(String question) {
			return "answer";
		}

		@LlmCall(name = "scoped")
		public String scoped(String question) {
			return "answer";
		}

	}

	public static class Flow {

		private final Model model;

		public Flow(Model model) {
			this.model = model;
		}

		Flow() {
			this(null);
		}

		@LlmChain(name = "flow")
		@LlmPrompt(id = "flow-prompt", version = "1")
		public String run(String question) {
			this.model.declared(question);
			this.model.plain(question);
			try (LlmObsScope prompt = LlmObs.promptTemplate("by-hand", "3", Map.of())) {
				return this.model.scoped(question);
			}
		}

	}

}
