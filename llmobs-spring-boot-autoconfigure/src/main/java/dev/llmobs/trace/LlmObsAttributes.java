package dev.llmobs.trace;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;

import dev.llmobs.context.ContextAttributes;

/**
 * Every attribute key this library writes, for both conventions.
 */
public final class LlmObsAttributes {

	// Both conventions
	/** The library's own span kind, always written. */
	public static final AttributeKey<String> LLMOBS_SPAN_KIND = AttributeKey.stringKey("llmobs.span.kind");

	/** Set when the work was cancelled before it completed. */
	public static final AttributeKey<Boolean> LLMOBS_CANCELLED = AttributeKey.booleanKey("llmobs.cancelled");

	/** Seconds from the call to the first element of a streamed result. */
	public static final AttributeKey<Double> LLMOBS_TIME_TO_FIRST_ELEMENT = AttributeKey
		.doubleKey("llmobs.time_to_first_element");

	/** Number of retrieved documents left out of the span because of the document cap. */
	public static final AttributeKey<Long> LLMOBS_DOCUMENTS_DROPPED = AttributeKey
		.longKey("llmobs.retrieval.documents_dropped");

	/** Set on an LLM span when the output hit the token limit. */
	public static final AttributeKey<Boolean> LLMOBS_TRUNCATED = AttributeKey.booleanKey("llmobs.truncated");

	/**
	 * Whether an evaluator of this span failed to judge (threw, timed out, answered
	 * nonsense), in whatever conventions are written.
	 */
	public static final AttributeKey<Boolean> LLMOBS_EVALUATION_ERROR = AttributeKey
		.booleanKey("llmobs.evaluation.error");

	/** Messages of a long conversation left out of the flattened attributes. */
	public static final AttributeKey<Long> LLMOBS_MESSAGES_DROPPED = AttributeKey.longKey("llmobs.messages.dropped");

	/** The model call's input messages as GenAI JSON. */
	public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");

	/** The model call's output messages as GenAI JSON. */
	public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

	/** The prompt template's text (OpenInference). */
	public static final AttributeKey<String> LLM_PROMPT_TEMPLATE_TEMPLATE = AttributeKey
		.stringKey("llm.prompt_template.template");

	/** The prompt template's declared version (OpenInference). */
	public static final AttributeKey<String> LLM_PROMPT_TEMPLATE_VERSION = AttributeKey
		.stringKey("llm.prompt_template.version");

	/** The prompt template's variables as JSON (OpenInference). */
	public static final AttributeKey<String> LLM_PROMPT_TEMPLATE_VARIABLES = AttributeKey
		.stringKey("llm.prompt_template.variables");

	/** The prompt template's id (GenAI). */
	public static final AttributeKey<String> GEN_AI_PROMPT_NAME = AttributeKey.stringKey("gen_ai.prompt.name");

	/** {@code sha256:} hex of the prompt template's text, stable across runs. */
	public static final AttributeKey<String> LLMOBS_PROMPT_HASH = AttributeKey.stringKey("llmobs.prompt.hash");

	/** On the root of a trace kept by tail sampling: why it was kept. */
	public static final AttributeKey<String> LLMOBS_SAMPLING_REASON = AttributeKey.stringKey("llmobs.sampling.reason");

	/** The summed cost in USD of the model calls under a chain root. */
	public static final AttributeKey<Double> LLMOBS_TRACE_COST = ContextAttributes.LLMOBS_TRACE_COST;

	/**
	 * Set on the spans of an LLM judge's own calls; their tokens and cost are not the
	 * app's.
	 */
	public static final AttributeKey<Boolean> LLMOBS_EVALUATION_JUDGE = ContextAttributes.LLMOBS_EVALUATION_JUDGE;

	/** OpenTelemetry's error type, the exception class name. */
	public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	// OpenInference
	/** {@code openinference.span.kind}. */
	public static final AttributeKey<String> OPENINFERENCE_SPAN_KIND = AttributeKey
		.stringKey("openinference.span.kind");

	/** {@code input.value}. */
	public static final AttributeKey<String> INPUT_VALUE = AttributeKey.stringKey("input.value");

	/** {@code input.mime_type}. */
	public static final AttributeKey<String> INPUT_MIME_TYPE = AttributeKey.stringKey("input.mime_type");

	/** {@code output.value}. */
	public static final AttributeKey<String> OUTPUT_VALUE = AttributeKey.stringKey("output.value");

	/** {@code output.mime_type}. */
	public static final AttributeKey<String> OUTPUT_MIME_TYPE = AttributeKey.stringKey("output.mime_type");

	/** {@code session.id}. */
	public static final AttributeKey<String> SESSION_ID = ContextAttributes.SESSION_ID;

	/** {@code user.id}. */
	public static final AttributeKey<String> USER_ID = ContextAttributes.USER_ID;

	/** {@code metadata}, a JSON object. */
	public static final AttributeKey<String> METADATA = ContextAttributes.METADATA;

	/** {@code tag.tags}. */
	public static final AttributeKey<List<String>> TAG_TAGS = ContextAttributes.TAG_TAGS;

	/** {@code llm.model_name}. */
	public static final AttributeKey<String> LLM_MODEL_NAME = AttributeKey.stringKey("llm.model_name");

	/** {@code llm.provider}. */
	public static final AttributeKey<String> LLM_PROVIDER = AttributeKey.stringKey("llm.provider");

	/** {@code llm.system}. */
	public static final AttributeKey<String> LLM_SYSTEM = AttributeKey.stringKey("llm.system");

	/** {@code llm.invocation_parameters}, a JSON object. */
	public static final AttributeKey<String> LLM_INVOCATION_PARAMETERS = AttributeKey
		.stringKey("llm.invocation_parameters");

	/** {@code llm.token_count.prompt}. */
	public static final AttributeKey<Long> LLM_TOKEN_COUNT_PROMPT = AttributeKey.longKey("llm.token_count.prompt");

	/** {@code llm.token_count.completion}. */
	public static final AttributeKey<Long> LLM_TOKEN_COUNT_COMPLETION = AttributeKey
		.longKey("llm.token_count.completion");

	/** {@code llm.token_count.total}. */
	public static final AttributeKey<Long> LLM_TOKEN_COUNT_TOTAL = AttributeKey.longKey("llm.token_count.total");

	/** {@code llm.cost.prompt}, USD. */
	public static final AttributeKey<Double> LLM_COST_PROMPT = AttributeKey.doubleKey("llm.cost.prompt");

	/** {@code llm.cost.completion}, USD. */
	public static final AttributeKey<Double> LLM_COST_COMPLETION = AttributeKey.doubleKey("llm.cost.completion");

	/** {@code llm.cost.total}, USD. */
	public static final AttributeKey<Double> LLM_COST_TOTAL = AttributeKey.doubleKey("llm.cost.total");

	/** {@code tool.name}. */
	public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("tool.name");

	/** {@code tool.description}. */
	public static final AttributeKey<String> TOOL_DESCRIPTION = AttributeKey.stringKey("tool.description");

	/** {@code tool.parameters}. */
	public static final AttributeKey<String> TOOL_PARAMETERS = AttributeKey.stringKey("tool.parameters");

	/** {@code embedding.model_name}. */
	public static final AttributeKey<String> EMBEDDING_MODEL_NAME = AttributeKey.stringKey("embedding.model_name");

	// OpenTelemetry GenAI
	/** {@code gen_ai.operation.name}. */
	public static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

	/** {@code gen_ai.provider.name}. */
	public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");

	/** {@code gen_ai.request.model}. */
	public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

	/** {@code gen_ai.response.model}. */
	public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

	/** {@code gen_ai.usage.input_tokens}. */
	public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.input_tokens");

	/** {@code gen_ai.usage.output_tokens}. */
	public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.output_tokens");

	/** {@code gen_ai.response.finish_reasons}. */
	public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS = AttributeKey
		.stringArrayKey("gen_ai.response.finish_reasons");

	/** {@code gen_ai.response.time_to_first_chunk}, seconds, for streamed model calls. */
	public static final AttributeKey<Double> GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = AttributeKey
		.doubleKey("gen_ai.response.time_to_first_chunk");

	/**
	 * {@code gen_ai.usage.cost}, USD (not in the semantic conventions; read by Langfuse).
	 */
	public static final AttributeKey<Double> GEN_AI_USAGE_COST = AttributeKey.doubleKey("gen_ai.usage.cost");

	/** {@code gen_ai.conversation.id}, the session id. */
	public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = ContextAttributes.GEN_AI_CONVERSATION_ID;

	/** {@code gen_ai.workflow.name}. */
	public static final AttributeKey<String> GEN_AI_WORKFLOW_NAME = AttributeKey.stringKey("gen_ai.workflow.name");

	/** {@code gen_ai.retrieval.query.text}. */
	public static final AttributeKey<String> GEN_AI_RETRIEVAL_QUERY_TEXT = AttributeKey
		.stringKey("gen_ai.retrieval.query.text");

	/**
	 * {@code gen_ai.tool.call.id}: the id of the model's tool call a tool execution
	 * answers.
	 */
	public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");

	/** {@code gen_ai.tool.name}. */
	public static final AttributeKey<String> GEN_AI_TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");

	/** {@code gen_ai.tool.description}. */
	public static final AttributeKey<String> GEN_AI_TOOL_DESCRIPTION = AttributeKey
		.stringKey("gen_ai.tool.description");

	/**
	 * {@code llmobs.tool.return_direct}: the tool's result went back to the caller
	 * without another model call.
	 */
	public static final AttributeKey<Boolean> LLMOBS_TOOL_RETURN_DIRECT = AttributeKey
		.booleanKey("llmobs.tool.return_direct");

	/** {@code gen_ai.agent.id}. */
	public static final AttributeKey<String> GEN_AI_AGENT_ID = AttributeKey.stringKey("gen_ai.agent.id");

	/**
	 * {@code gen_ai.tool.type}: {@code function}, {@code extension} or {@code datastore}.
	 */
	public static final AttributeKey<String> GEN_AI_TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");

	/** {@code gen_ai.response.id}, the provider's id of a completion. */
	public static final AttributeKey<String> GEN_AI_RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");

	/**
	 * {@code gen_ai.usage.cache_read.input_tokens}, input tokens served from the
	 * provider's cache.
	 */
	public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.cache_read.input_tokens");

	/** {@code gen_ai.agent.name}. */
	public static final AttributeKey<String> GEN_AI_AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");

	/**
	 * {@code llm.input_messages.N.message.role|content}.
	 * @param index the message index
	 * @param field {@code role} or {@code content}
	 * @return the key
	 */
	public static AttributeKey<String> inputMessage(int index, String field) {
		return AttributeKey.stringKey("llm.input_messages." + index + ".message." + field);
	}

	/**
	 * {@code llm.output_messages.N.message.role|content}.
	 * @param index the message index
	 * @param field {@code role} or {@code content}
	 * @return the key
	 */
	public static AttributeKey<String> outputMessage(int index, String field) {
		return AttributeKey.stringKey("llm.output_messages." + index + ".message." + field);
	}

	/**
	 * {@code gen_ai.evaluation.verdict}: {@code fail} when any evaluation of the span
	 * failed.
	 */
	public static final AttributeKey<String> GEN_AI_EVALUATION_VERDICT = AttributeKey
		.stringKey("gen_ai.evaluation.verdict");

	/** {@code gen_ai.evaluation.name}, on {@code gen_ai.evaluation.result} events. */
	public static final AttributeKey<String> GEN_AI_EVALUATION_NAME = AttributeKey.stringKey("gen_ai.evaluation.name");

	/** {@code gen_ai.evaluation.score.value}. */
	public static final AttributeKey<Double> GEN_AI_EVALUATION_SCORE_VALUE = AttributeKey
		.doubleKey("gen_ai.evaluation.score.value");

	/** {@code gen_ai.evaluation.score.label}. */
	public static final AttributeKey<String> GEN_AI_EVALUATION_SCORE_LABEL = AttributeKey
		.stringKey("gen_ai.evaluation.score.label");

	/** {@code gen_ai.evaluation.explanation}. */
	public static final AttributeKey<String> GEN_AI_EVALUATION_EXPLANATION = AttributeKey
		.stringKey("gen_ai.evaluation.explanation");

	private LlmObsAttributes() {
	}

	/**
	 * Whether a span is an LLM-observability span: one of the starter's annotation spans,
	 * a Spring AI or other framework span it enriched, or any span written in the GenAI
	 * conventions.
	 * @param attributes the span's attributes
	 * @return {@code true} for an LLM-observability span
	 */
	public static boolean isLlmObservabilitySpan(io.opentelemetry.api.common.Attributes attributes) {
		return attributes.get(LLMOBS_SPAN_KIND) != null || attributes.get(OPENINFERENCE_SPAN_KIND) != null
				|| attributes.get(GEN_AI_OPERATION_NAME) != null;
	}

}
