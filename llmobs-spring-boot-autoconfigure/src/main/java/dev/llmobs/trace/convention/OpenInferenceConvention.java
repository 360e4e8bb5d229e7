package dev.llmobs.trace.convention;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import tools.jackson.databind.json.JsonMapper;

import dev.llmobs.json.LlmObsJson;
import dev.llmobs.capture.CapturedContent;
import dev.llmobs.llm.LlmCost;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.prompt.PromptTemplateInfo;
import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.document.DocumentAttributes;
import dev.llmobs.trace.document.RetrievedDocument;

/**
 * Arize <a href="https://github.com/Arize-ai/openinference">OpenInference</a>:
 * {@code openinference.span.kind}, {@code input.value} / {@code output.value}, flattened
 * {@code llm.input_messages.N.message.*}, {@code llm.token_count.*}, {@code llm.cost.*},
 * {@code retrieval.documents.N.document.*}, {@code evaluations.N.evaluation.*}. Read by
 * Phoenix, Langfuse and Middleware. Extend it and override one method to change one key
 * group.
 */
public class OpenInferenceConvention implements LlmSpanConvention {

	/** The convention's name in {@code llmobs.conventions}. */
	public static final String NAME = "openinference";

	private static final JsonMapper JSON = LlmObsJson.mapper();

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean writesContent(LlmSpanKind kind) {
		return true;
	}

	@Override
	public void staticAttributes(AttributesBuilder attributes, LlmSpanKind kind, String name, SpanIdentity identity) {
		attributes.put(LlmObsAttributes.OPENINFERENCE_SPAN_KIND, spanKind(kind));
		switch (kind) {
			case TOOL -> {
				putIfText(attributes, LlmObsAttributes.TOOL_NAME, name);
				putIfText(attributes, LlmObsAttributes.TOOL_DESCRIPTION, identity.description());
			}
			case LLM -> {
				putIfText(attributes, LlmObsAttributes.LLM_MODEL_NAME, identity.model());
				putIfText(attributes, LlmObsAttributes.LLM_PROVIDER, identity.provider());
				putIfText(attributes, LlmObsAttributes.LLM_SYSTEM, identity.provider());
			}
			case EMBEDDING -> putIfText(attributes, LlmObsAttributes.EMBEDDING_MODEL_NAME, identity.model());
			default -> {
			}
		}
	}

	/**
	 * The {@code openinference.span.kind} value of a kind.
	 * @param kind the span kind
	 * @return the value
	 */
	protected String spanKind(LlmSpanKind kind) {
		return kind.openInferenceKind();
	}

	@Override
	public void provider(Span span, LlmSpanKind kind, ModelProvider provider) {
		if (kind == LlmSpanKind.LLM) {
			putIfText(span, LlmObsAttributes.LLM_PROVIDER, provider.openInferenceProvider());
		}
		putIfText(span, LlmObsAttributes.LLM_SYSTEM, provider.openInferenceSystem());
	}

	@Override
	public void input(Span span, LlmSpanKind kind, CapturedContent input, boolean textPrompt) {
		span.setAttribute(LlmObsAttributes.INPUT_VALUE, input.text());
		span.setAttribute(LlmObsAttributes.INPUT_MIME_TYPE, input.mimeType());
		if (kind == LlmSpanKind.LLM && textPrompt) {
			span.setAttribute(LlmObsAttributes.inputMessage(0, "role"), "user");
			span.setAttribute(LlmObsAttributes.inputMessage(0, "content"), input.text());
		}
	}

	@Override
	public void retrievalQuery(Span span, CapturedContent query) {
		span.setAttribute(LlmObsAttributes.INPUT_VALUE, query.text());
		span.setAttribute(LlmObsAttributes.INPUT_MIME_TYPE, query.mimeType());
	}

	@Override
	public void output(Span span, LlmSpanKind kind, CapturedContent output) {
		span.setAttribute(LlmObsAttributes.OUTPUT_VALUE, output.text());
		span.setAttribute(LlmObsAttributes.OUTPUT_MIME_TYPE, output.mimeType());
	}

	@Override
	public void modelOutput(Span span, CapturedContent output, String text, List<String> finishReasons) {
		if (output != null) {
			output(span, LlmSpanKind.LLM, output);
		}
		if (text != null) {
			span.setAttribute(LlmObsAttributes.outputMessage(0, "role"), "assistant");
			span.setAttribute(LlmObsAttributes.outputMessage(0, "content"), text);
		}
	}

	@Override
	public void inputMessages(Span span, List<LlmMessage> messages) {
		writeMessages(span, messages, "llm.input_messages.");
		LlmMessage lastUser = null;
		for (int i = messages.size() - 1; i >= 0 && lastUser == null; i--) {
			if ("user".equals(messages.get(i).role())) {
				lastUser = messages.get(i);
			}
		}
		if (lastUser != null && lastUser.content() != null) {
			span.setAttribute(LlmObsAttributes.INPUT_VALUE, lastUser.content());
			span.setAttribute(LlmObsAttributes.INPUT_MIME_TYPE, CapturedContent.TEXT);
		}
	}

	@Override
	public void outputMessages(Span span, List<LlmMessage> messages) {
		writeMessages(span, messages, "llm.output_messages.");
		String first = messages.isEmpty() ? null : messages.get(0).content();
		if (first != null) {
			span.setAttribute(LlmObsAttributes.OUTPUT_VALUE, first);
			span.setAttribute(LlmObsAttributes.OUTPUT_MIME_TYPE, CapturedContent.TEXT);
		}
	}

	/**
	 * Writes messages flattened under a prefix:
	 * {@code <prefix>N.message.role|content|tool_call_id} and
	 * {@code <prefix>N.message.tool_calls.K.tool_call.id|function.name|function.arguments}.
	 * @param span the span
	 * @param messages the messages
	 * @param prefix {@code llm.input_messages.} or {@code llm.output_messages.}
	 */
	protected void writeMessages(Span span, List<LlmMessage> messages, String prefix) {
		for (int i = 0; i < messages.size(); i++) {
			LlmMessage message = messages.get(i);
			String base = prefix + i + ".message.";
			span.setAttribute(AttributeKey.stringKey(base + "role"), message.role());
			if (message.content() != null) {
				span.setAttribute(AttributeKey.stringKey(base + "content"), message.content());
			}
			if (message.toolCallId() != null) {
				span.setAttribute(AttributeKey.stringKey(base + "tool_call_id"), message.toolCallId());
			}
			for (int k = 0; k < message.toolCalls().size(); k++) {
				LlmMessage.ToolCall call = message.toolCalls().get(k);
				String callBase = base + "tool_calls." + k + ".tool_call.";
				putIfText(span, AttributeKey.stringKey(callBase + "id"), call.id());
				putIfText(span, AttributeKey.stringKey(callBase + "function.name"), call.name());
				putIfText(span, AttributeKey.stringKey(callBase + "function.arguments"), call.arguments());
			}
		}
	}

	/**
	 * Writes nothing: OpenInference names a call id only inside a message's tool calls
	 * ({@code ...tool_call.id}), not on the tool span.
	 */
	@Override
	public void toolExecution(Span span, ToolExecution execution) {
		putIfText(span, LlmObsAttributes.TOOL_PARAMETERS, execution.parameters());
	}

	@Override
	public void conversation(Span span, String conversationId) {
		span.setAttribute(LlmObsAttributes.SESSION_ID, conversationId);
	}

	@Override
	public void invocationParameters(Span span, Map<String, Object> parameters) {
		if (!parameters.isEmpty()) {
			span.setAttribute(LlmObsAttributes.LLM_INVOCATION_PARAMETERS, JSON.writeValueAsString(parameters));
		}
	}

	@Override
	public void embeddingInputs(Span span, List<String> texts) {
		for (int i = 0; i < texts.size(); i++) {
			if (texts.get(i) != null) {
				span.setAttribute(AttributeKey.stringKey("embedding.embeddings." + i + ".embedding.text"),
						texts.get(i));
			}
		}
	}

	@Override
	public int documents(Span span, List<RetrievedDocument> documents, UnaryOperator<String> content,
			UnaryOperator<String> metadata, int attributeBudget) {
		AttributesBuilder builder = Attributes.builder();
		int written = DocumentAttributes.write(documents, builder, content, metadata, attributeBudget);
		span.setAllAttributes(builder.build());
		return written;
	}

	@Override
	public void usage(Span span, LlmUsage usage) {
		if (usage.inputTokens() != null) {
			span.setAttribute(LlmObsAttributes.LLM_TOKEN_COUNT_PROMPT, usage.inputTokens());
		}
		if (usage.outputTokens() != null) {
			span.setAttribute(LlmObsAttributes.LLM_TOKEN_COUNT_COMPLETION, usage.outputTokens());
		}
		if (usage.totalTokens() != null) {
			span.setAttribute(LlmObsAttributes.LLM_TOKEN_COUNT_TOTAL, usage.totalTokens());
		}
	}

	@Override
	public void cost(Span span, LlmCost cost) {
		span.setAttribute(LlmObsAttributes.LLM_COST_PROMPT, cost.prompt());
		span.setAttribute(LlmObsAttributes.LLM_COST_COMPLETION, cost.completion());
		span.setAttribute(LlmObsAttributes.LLM_COST_TOTAL, cost.total());
	}

	@Override
	public void promptTemplate(Span span, PromptTemplateInfo prompt, String template, String variables) {
		putIfText(span, LlmObsAttributes.LLM_PROMPT_TEMPLATE_VERSION, prompt.version());
		putIfText(span, LlmObsAttributes.LLM_PROMPT_TEMPLATE_TEMPLATE, template);
		putIfText(span, LlmObsAttributes.LLM_PROMPT_TEMPLATE_VARIABLES, variables);
	}

	@Override
	public void evaluation(Span span, int index, EvaluationOutcome evaluation) {
		EvaluationKeys keys = EvaluationKeys.at(index);
		span.setAttribute(keys.name, evaluation.name());
		if (evaluation.score() != null) {
			span.setAttribute(keys.score, evaluation.score());
		}
		if (evaluation.label() != null) {
			span.setAttribute(keys.label, evaluation.label());
		}
		span.setAttribute(keys.verdict, evaluation.verdict());
		if (evaluation.explanation() != null) {
			span.setAttribute(keys.explanation, evaluation.explanation());
		}
	}

	/**
	 * The key of the name of the evaluation at an index
	 * ({@code evaluations.N.evaluation.name}).
	 * @param index the zero-based index
	 * @return the key
	 */
	public static AttributeKey<String> evaluationNameKey(int index) {
		return EvaluationKeys.at(index).name;
	}

	static void putIfText(AttributesBuilder attributes, AttributeKey<String> key, String value) {
		if (value != null && !value.isEmpty()) {
			attributes.put(key, value);
		}
	}

	static void putIfText(Span span, AttributeKey<String> key, String value) {
		if (value != null && !value.isEmpty()) {
			span.setAttribute(key, value);
		}
	}

	/**
	 * The keys of one evaluation's attributes, made once for the first indexes rather
	 * than for every result recorded.
	 */
	private static final class EvaluationKeys {

		private static final EvaluationKeys[] FIRST = new EvaluationKeys[64];

		static {
			for (int i = 0; i < FIRST.length; i++) {
				FIRST[i] = new EvaluationKeys(i);
			}
		}

		final AttributeKey<String> name;

		final AttributeKey<Double> score;

		final AttributeKey<String> label;

		final AttributeKey<String> verdict;

		final AttributeKey<String> explanation;

		private EvaluationKeys(int index) {
			String prefix = "evaluations." + index + ".evaluation.";
			this.name = AttributeKey.stringKey(prefix + "name");
			this.score = AttributeKey.doubleKey(prefix + "score");
			this.label = AttributeKey.stringKey(prefix + "label");
			this.verdict = AttributeKey.stringKey(prefix + "verdict");
			this.explanation = AttributeKey.stringKey(prefix + "explanation");
		}

		static EvaluationKeys at(int index) {
			return (index >= 0 && index < FIRST.length) ? FIRST[index] : new EvaluationKeys(index);
		}

	}

}
