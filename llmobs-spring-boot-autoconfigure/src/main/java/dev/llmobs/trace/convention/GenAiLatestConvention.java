package dev.llmobs.trace.convention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.SpanIdentity;

/**
 * The newest published OpenTelemetry GenAI semantic conventions (opt in with
 * {@code OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental} or
 * {@code llmobs.conventions=...,gen-ai-latest}); written instead of
 * {@link GenAiConvention} when both are selected. Beyond what {@link GenAiConvention}
 * writes:
 * <ul>
 * <li>system messages go to {@code gen_ai.system_instructions} (a JSON array of parts),
 * the other messages to {@code gen_ai.input.messages}; output messages carry
 * {@code finish_reason}; tool call arguments are JSON values, not strings;</li>
 * <li>a model call made through an annotated method gets {@code gen_ai.input.messages} (a
 * text prompt) and {@code gen_ai.output.messages}; so does an agent with text input or
 * output;</li>
 * <li>tool spans get {@code gen_ai.tool.type}, {@code gen_ai.tool.call.arguments} and
 * {@code gen_ai.tool.call.result};</li>
 * <li>{@code gen_ai.usage.cache_read.input_tokens} when the provider reports cached
 * input;</li>
 * <li>evaluations are {@code gen_ai.evaluation.result} log records only (the Logs API
 * events the conventions define), not span events.</li>
 * </ul>
 */
public class GenAiLatestConvention extends GenAiConvention {

	/** The convention's name in {@code llmobs.conventions}. */
	public static final String NAME = "gen-ai-latest";

	/**
	 * The value of {@code OTEL_SEMCONV_STABILITY_OPT_IN} that selects this convention.
	 */
	public static final String OPT_IN = "gen_ai_latest_experimental";

	/**
	 * {@code gen_ai.system_instructions}: the system instructions as a JSON array of
	 * parts (type {@code any} in the conventions, so not among the generated Java
	 * constants).
	 */
	public static final AttributeKey<String> GEN_AI_SYSTEM_INSTRUCTIONS = AttributeKey
		.stringKey("gen_ai.system_instructions");

	/** {@code gen_ai.tool.call.arguments}: the arguments a tool was called with. */
	public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS = AttributeKey
		.stringKey("gen_ai.tool.call.arguments");

	/** {@code gen_ai.tool.call.result}: what a tool returned. */
	public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT = AttributeKey
		.stringKey("gen_ai.tool.call.result");

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean writesContent(LlmSpanKind kind) {
		return kind == LlmSpanKind.LLM || kind == LlmSpanKind.TOOL || kind == LlmSpanKind.AGENT;
	}

	@Override
	public void staticAttributes(AttributesBuilder attributes, LlmSpanKind kind, String name, SpanIdentity identity) {
		super.staticAttributes(attributes, kind, name, identity);
		if (kind == LlmSpanKind.TOOL) {
			attributes.put(LlmObsAttributes.GEN_AI_TOOL_TYPE, toolType());
		}
	}

	/**
	 * The {@code gen_ai.tool.type} of an annotated tool.
	 * @return {@code function}
	 */
	protected String toolType() {
		return "function";
	}

	@Override
	public void input(Span span, LlmSpanKind kind, CapturedContent input, boolean textPrompt) {
		if (kind == LlmSpanKind.TOOL) {
			span.setAttribute(GEN_AI_TOOL_CALL_ARGUMENTS, input.text());
		}
		else if ((kind == LlmSpanKind.LLM && textPrompt)
				|| (kind == LlmSpanKind.AGENT && CapturedContent.TEXT.equals(input.mimeType()))) {
			inputMessages(span, List.of(LlmMessage.text("user", input.text())));
		}
	}

	@Override
	public void output(Span span, LlmSpanKind kind, CapturedContent output) {
		if (kind == LlmSpanKind.TOOL) {
			span.setAttribute(GEN_AI_TOOL_CALL_RESULT, output.text());
		}
		else if ((kind == LlmSpanKind.LLM || kind == LlmSpanKind.AGENT)
				&& CapturedContent.TEXT.equals(output.mimeType())) {
			outputMessages(span, List.of(LlmMessage.text("assistant", output.text())));
		}
	}

	@Override
	public void modelOutput(Span span, CapturedContent output, String text, List<String> finishReasons) {
		if (text != null) {
			String reason = (finishReasons != null && !finishReasons.isEmpty()) ? finishReasons.get(0) : null;
			outputMessages(span, List.of(new LlmMessage("assistant", text, List.of(), null, reason)));
		}
		else if (output != null) {
			output(span, LlmSpanKind.LLM, output);
		}
	}

	@Override
	public void inputMessages(Span span, List<LlmMessage> messages) {
		List<Map<String, Object>> instructions = new ArrayList<>();
		List<LlmMessage> conversation = new ArrayList<>(messages.size());
		for (LlmMessage message : messages) {
			if ("system".equals(message.role())) {
				instructions.addAll(parts(message));
			}
			else {
				conversation.add(message);
			}
		}
		if (!instructions.isEmpty()) {
			span.setAttribute(GEN_AI_SYSTEM_INSTRUCTIONS, JSON.writeValueAsString(instructions));
		}
		if (!conversation.isEmpty()) {
			span.setAttribute(LlmObsAttributes.GEN_AI_INPUT_MESSAGES,
					JSON.writeValueAsString(messageStructures(conversation)));
		}
	}

	@Override
	protected List<Map<String, Object>> messageStructures(List<LlmMessage> messages) {
		List<Map<String, Object>> out = new ArrayList<>(messages.size());
		for (LlmMessage message : messages) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("role", message.role());
			entry.put("parts", parts(message));
			if ("assistant".equals(message.role()) && message.finishReason() != null) {
				entry.put("finish_reason", finishReason(message.finishReason()));
			}
			out.add(entry);
		}
		return out;
	}

	/**
	 * A provider's finish reason in the conventions' words: {@code stop}, {@code length},
	 * {@code content_filter}, {@code tool_call} or {@code error}; any other reason
	 * lower-cased as given.
	 * @param reason the provider's reason
	 * @return the reason to write
	 */
	protected String finishReason(String reason) {
		String lower = reason.trim().toLowerCase(Locale.ROOT);
		return switch (lower) {
			case "stop", "end_turn", "stop_sequence", "complete", "completed" -> "stop";
			case "length", "max_tokens", "max_output_tokens", "token_limit", "model_length" -> "length";
			case "tool_calls", "tool_call", "tool_use", "function_call" -> "tool_call";
			case "content_filter", "safety", "recitation" -> "content_filter";
			default -> lower;
		};
	}

	/**
	 * Tool call arguments as a JSON value when the captured text is JSON (it may not be,
	 * once truncated or redacted), else as text.
	 * @param arguments the captured arguments text
	 * @return the value
	 */
	@Override
	protected Object toolCallArguments(String arguments) {
		if (arguments != null) {
			String trimmed = arguments.trim();
			if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
				try {
					return JSON.readTree(trimmed);
				}
				catch (RuntimeException ex) {
					return arguments;
				}
			}
		}
		return arguments;
	}

	/**
	 * Writes {@code gen_ai.tool.call.id}, as {@link GenAiConvention} does.
	 */
	@Override
	public void usage(Span span, LlmUsage usage) {
		super.usage(span, usage);
		if (usage.cachedInputTokens() != null) {
			span.setAttribute(LlmObsAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedInputTokens());
		}
	}

	/**
	 * Writes nothing: with the newest conventions an evaluation is a
	 * {@code gen_ai.evaluation.result} log record, which the evaluation recorder emits
	 * for every convention.
	 */
	@Override
	public void evaluation(Span span, int index, EvaluationOutcome evaluation) {
	}

}
