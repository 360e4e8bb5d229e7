package dev.llmobs.trace.convention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

/**
 * The OpenTelemetry GenAI semantic conventions ({@code gen_ai.*}) as this library has
 * written them since its first release: operation, provider, models, typed token usage,
 * finish reasons, workflow, agent and tool names, the retrieval query, messages as JSON,
 * {@code gen_ai.evaluation.result} span events, and the {@code gen_ai.usage.cost}
 * extension Langfuse reads. Extend it and override one method to change one key group.
 */
public class GenAiConvention implements LlmSpanConvention {

	/** The convention's name in {@code llmobs.conventions}. */
	public static final String NAME = "gen-ai";

	/** The name of the evaluation event. */
	public static final String EVALUATION_EVENT = "gen_ai.evaluation.result";

	/** Spring AI records these as strings; this convention writes them typed. */
	private static final Set<String> RETYPED_KEYS = Set.of("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
			"gen_ai.response.finish_reasons");

	/** Shared, thread-safe JSON writer for message structures. */
	protected static final JsonMapper JSON = LlmObsJson.mapper();

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void staticAttributes(AttributesBuilder attributes, LlmSpanKind kind, String name, SpanIdentity identity) {
		attributes.put(LlmObsAttributes.GEN_AI_OPERATION_NAME, operationName(kind, identity));
		switch (kind) {
			case CHAIN -> OpenInferenceConvention.putIfText(attributes, LlmObsAttributes.GEN_AI_WORKFLOW_NAME, name);
			case AGENT -> {
				OpenInferenceConvention.putIfText(attributes, LlmObsAttributes.GEN_AI_AGENT_NAME, name);
				OpenInferenceConvention.putIfText(attributes, LlmObsAttributes.GEN_AI_AGENT_ID, identity.agentId());
			}
			case TOOL -> {
				OpenInferenceConvention.putIfText(attributes, LlmObsAttributes.GEN_AI_TOOL_NAME, name);
				OpenInferenceConvention.putIfText(attributes, LlmObsAttributes.GEN_AI_TOOL_DESCRIPTION,
						identity.description());
			}
			case LLM -> {
				OpenInferenceConvention.putIfText(attributes, LlmObsAttributes.GEN_AI_REQUEST_MODEL, identity.model());
				OpenInferenceConvention.putIfText(attributes, LlmObsAttributes.GEN_AI_PROVIDER_NAME,
						identity.provider());
			}
			case EMBEDDING ->
				OpenInferenceConvention.putIfText(attributes, LlmObsAttributes.GEN_AI_REQUEST_MODEL, identity.model());
			default -> {
			}
		}
	}

	/**
	 * The {@code gen_ai.operation.name} of a span: the annotation's override, else the
	 * kind's default.
	 * @param kind the span kind
	 * @param identity the annotation's identity
	 * @return the operation name
	 */
	protected String operationName(LlmSpanKind kind, SpanIdentity identity) {
		return identity.operation().isEmpty() ? kind.operationName() : identity.operation();
	}

	@Override
	public void provider(Span span, LlmSpanKind kind, ModelProvider provider) {
		OpenInferenceConvention.putIfText(span, LlmObsAttributes.GEN_AI_PROVIDER_NAME, provider.genAiName());
	}

	@Override
	public void toolExecution(Span span, ToolExecution execution) {
		OpenInferenceConvention.putIfText(span, LlmObsAttributes.GEN_AI_TOOL_CALL_ID, execution.id());
	}

	@Override
	public void conversation(Span span, String conversationId) {
		span.setAttribute(LlmObsAttributes.GEN_AI_CONVERSATION_ID, conversationId);
	}

	@Override
	public void retrievalQuery(Span span, CapturedContent query) {
		span.setAttribute(LlmObsAttributes.GEN_AI_RETRIEVAL_QUERY_TEXT, query.text());
	}

	@Override
	public void inputMessages(Span span, List<LlmMessage> messages) {
		span.setAttribute(LlmObsAttributes.GEN_AI_INPUT_MESSAGES, JSON.writeValueAsString(messageStructures(messages)));
	}

	@Override
	public void outputMessages(Span span, List<LlmMessage> messages) {
		span.setAttribute(LlmObsAttributes.GEN_AI_OUTPUT_MESSAGES,
				JSON.writeValueAsString(messageStructures(messages)));
	}

	/**
	 * The JSON structure of messages: {@code role} and {@code parts} of type
	 * {@code text}, {@code tool_call} and {@code tool_call_response}.
	 * @param messages the messages
	 * @return one map per message
	 */
	protected List<Map<String, Object>> messageStructures(List<LlmMessage> messages) {
		List<Map<String, Object>> out = new ArrayList<>(messages.size());
		for (LlmMessage message : messages) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("role", message.role());
			entry.put("parts", parts(message));
			out.add(entry);
		}
		return out;
	}

	/**
	 * The parts of one message.
	 * @param message the message
	 * @return the parts
	 */
	protected List<Map<String, Object>> parts(LlmMessage message) {
		List<Map<String, Object>> parts = new ArrayList<>();
		if (message.content() != null) {
			Map<String, Object> part = new LinkedHashMap<>();
			if (message.toolCallId() != null) {
				part.put("type", "tool_call_response");
				part.put("id", message.toolCallId());
				part.put("response", message.content());
			}
			else {
				part.put("type", "text");
				part.put("content", message.content());
			}
			parts.add(part);
		}
		for (LlmMessage.ToolCall call : message.toolCalls()) {
			Map<String, Object> part = new LinkedHashMap<>();
			part.put("type", "tool_call");
			part.put("id", call.id());
			part.put("name", call.name());
			part.put("arguments", toolCallArguments(call.arguments()));
			parts.add(part);
		}
		return parts;
	}

	/**
	 * The value of a tool call's {@code arguments} in the message JSON.
	 * @param arguments the captured arguments text
	 * @return the text as is
	 */
	protected Object toolCallArguments(String arguments) {
		return arguments;
	}

	@Override
	public void usage(Span span, LlmUsage usage) {
		if (usage.inputTokens() != null) {
			span.setAttribute(LlmObsAttributes.GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens());
		}
		if (usage.outputTokens() != null) {
			span.setAttribute(LlmObsAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens());
		}
		if (usage.responseModel() != null) {
			span.setAttribute(LlmObsAttributes.GEN_AI_RESPONSE_MODEL, usage.responseModel());
		}
		List<String> reasons = usage.finishReasons();
		if (reasons != null && !reasons.isEmpty()) {
			span.setAttribute(LlmObsAttributes.GEN_AI_RESPONSE_FINISH_REASONS, reasons);
		}
	}

	@Override
	public void cost(Span span, LlmCost cost) {
		span.setAttribute(costKey(), cost.total());
	}

	/**
	 * The key of a call's total cost in USD; {@code gen_ai.usage.cost} is not in the
	 * semantic conventions (Langfuse reads it).
	 * @return the key
	 */
	protected AttributeKey<Double> costKey() {
		return LlmObsAttributes.GEN_AI_USAGE_COST;
	}

	@Override
	public void promptTemplate(Span span, PromptTemplateInfo prompt, String template, String variables) {
		OpenInferenceConvention.putIfText(span, LlmObsAttributes.GEN_AI_PROMPT_NAME, prompt.id());
	}

	@Override
	public void firstChunk(Span span, LlmSpanKind kind, double seconds) {
		if (kind == LlmSpanKind.LLM) {
			span.setAttribute(LlmObsAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
		}
	}

	@Override
	public void evaluation(Span span, int index, EvaluationOutcome evaluation) {
		span.addEvent(EVALUATION_EVENT, evaluationAttributes(evaluation));
	}

	@Override
	public void evaluationVerdict(Span span, String verdict) {
		span.setAttribute(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT, verdict);
	}

	@Override
	public Set<String> retypedKeys() {
		return RETYPED_KEYS;
	}

	/**
	 * The attributes of a {@code gen_ai.evaluation.result} event or log record: name,
	 * score value, score label (the verdict when the evaluator gave no label) and
	 * explanation.
	 * @param evaluation the result
	 * @return the attributes
	 */
	public static Attributes evaluationAttributes(EvaluationOutcome evaluation) {
		AttributesBuilder builder = Attributes.builder()
			.put(LlmObsAttributes.GEN_AI_EVALUATION_NAME, evaluation.name());
		if (evaluation.score() != null) {
			builder.put(LlmObsAttributes.GEN_AI_EVALUATION_SCORE_VALUE, evaluation.score());
		}
		builder.put(LlmObsAttributes.GEN_AI_EVALUATION_SCORE_LABEL,
				(evaluation.label() != null) ? evaluation.label() : evaluation.verdict());
		if (evaluation.explanation() != null) {
			builder.put(LlmObsAttributes.GEN_AI_EVALUATION_EXPLANATION, evaluation.explanation());
		}
		return builder.build();
	}

}
