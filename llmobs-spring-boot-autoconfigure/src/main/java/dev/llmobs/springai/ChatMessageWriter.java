package dev.llmobs.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.trace.LlmObsAttributes;

/**
 * Writes a chat call's messages on its span: OpenInference's flattened
 * {@code llm.input_messages.N.message.*} / {@code llm.output_messages.N.message.*} (with
 * tool calls), {@code input.value} / {@code output.value}, and GenAI's
 * {@code gen_ai.input.messages} / {@code gen_ai.output.messages} JSON. Every content goes
 * through the capture (mode, redaction, length limit); when a conversation has more
 * messages than the attribute budget allows, the oldest non-system ones are left out and
 * counted.
 */
final class ChatMessageWriter {

	private static final int ATTRIBUTES_PER_MESSAGE = 2;

	private static final int ATTRIBUTES_PER_TOOL_CALL = 3;

	private static final JsonMapper JSON = JsonMapper.shared();

	private final ContentCapture capture;

	private final boolean openInference;

	private final boolean genAi;

	private final int budget;

	ChatMessageWriter(ContentCapture capture, boolean openInference, boolean genAi, int budget) {
		this.capture = capture;
		this.openInference = openInference;
		this.genAi = genAi;
		this.budget = budget;
	}

	void writeInput(Span span, Prompt prompt) {
		List<FlatMessage> all = new ArrayList<>();
		for (Message message : prompt.getInstructions()) {
			if (message instanceof ToolResponseMessage tools) {
				for (ToolResponseMessage.ToolResponse response : tools.getResponses()) {
					all.add(new FlatMessage("tool", text(response.responseData()), List.of(), response.id()));
				}
			}
			else {
				all.add(new FlatMessage(message.getMessageType().getValue(), text(message.getText()),
						toolCalls(message), null));
			}
		}
		// Choose what fits first, so the contents left out are never captured.
		List<FlatMessage> messages = new ArrayList<>();
		for (FlatMessage message : fitToBudget(all)) {
			messages.add(new FlatMessage(message.role(), this.capture.captureText(message.content()),
					message.toolCalls(), message.toolCallId()));
		}
		int dropped = all.size() - messages.size();
		if (this.openInference) {
			write(span, messages, "llm.input_messages.");
			FlatMessage lastUser = lastUser(messages);
			if (lastUser != null && lastUser.content() != null) {
				span.setAttribute(LlmObsAttributes.INPUT_VALUE, lastUser.content());
				span.setAttribute(LlmObsAttributes.INPUT_MIME_TYPE, CapturedContent.TEXT);
			}
		}
		if (this.genAi) {
			span.setAttribute(LlmObsAttributes.GEN_AI_INPUT_MESSAGES, json(messages));
		}
		if (dropped > 0) {
			span.setAttribute(LlmObsAttributes.LLMOBS_MESSAGES_DROPPED, (long) dropped);
		}
	}

	void writeOutput(Span span, ChatResponse response) {
		List<FlatMessage> messages = new ArrayList<>();
		for (Generation generation : response.getResults()) {
			AssistantMessage output = generation.getOutput();
			if (output != null) {
				messages.add(new FlatMessage("assistant", this.capture.captureText(text(output.getText())),
						toolCalls(output), null));
			}
		}
		if (messages.isEmpty()) {
			return;
		}
		if (this.openInference) {
			write(span, messages, "llm.output_messages.");
			String first = messages.get(0).content();
			if (first != null) {
				span.setAttribute(LlmObsAttributes.OUTPUT_VALUE, first);
				span.setAttribute(LlmObsAttributes.OUTPUT_MIME_TYPE, CapturedContent.TEXT);
			}
		}
		if (this.genAi) {
			span.setAttribute(LlmObsAttributes.GEN_AI_OUTPUT_MESSAGES, json(messages));
		}
	}

	static String invocationParameters(ChatOptions options) {
		if (options == null) {
			return null;
		}
		Map<String, Object> parameters = new LinkedHashMap<>();
		putIfPresent(parameters, "model", options.getModel());
		putIfPresent(parameters, "temperature", options.getTemperature());
		putIfPresent(parameters, "max_tokens", options.getMaxTokens());
		putIfPresent(parameters, "top_p", options.getTopP());
		putIfPresent(parameters, "top_k", options.getTopK());
		putIfPresent(parameters, "frequency_penalty", options.getFrequencyPenalty());
		putIfPresent(parameters, "presence_penalty", options.getPresencePenalty());
		putIfPresent(parameters, "stop", options.getStopSequences());
		return parameters.isEmpty() ? null : JSON.writeValueAsString(parameters);
	}

	private static void putIfPresent(Map<String, Object> parameters, String name, Object value) {
		if (value != null) {
			parameters.put(name, value);
		}
	}

	/**
	 * The messages that fit the attribute budget: a leading system prompt, then the
	 * latest turns, in their order; at least the last message.
	 */
	private List<FlatMessage> fitToBudget(List<FlatMessage> messages) {
		if (messages.isEmpty() || cost(messages) <= this.budget) {
			return messages;
		}
		boolean keepSystem = "system".equals(messages.get(0).role());
		int used = keepSystem ? cost(messages.get(0)) : 0;
		int first = messages.size();
		int lowest = keepSystem ? 1 : 0;
		while (first > lowest && (first == messages.size() || used + cost(messages.get(first - 1)) <= this.budget)) {
			used += cost(messages.get(first - 1));
			first--;
		}
		List<FlatMessage> kept = new ArrayList<>();
		if (keepSystem) {
			kept.add(messages.get(0));
		}
		kept.addAll(messages.subList(first, messages.size()));
		return kept;
	}

	private static int cost(FlatMessage message) {
		return ATTRIBUTES_PER_MESSAGE + ATTRIBUTES_PER_TOOL_CALL * message.toolCalls().size()
				+ ((message.toolCallId() != null) ? 1 : 0);
	}

	private static int cost(List<FlatMessage> messages) {
		int total = 0;
		for (FlatMessage message : messages) {
			total += cost(message);
		}
		return total;
	}

	private static FlatMessage lastUser(List<FlatMessage> messages) {
		for (int i = messages.size() - 1; i >= 0; i--) {
			if ("user".equals(messages.get(i).role())) {
				return messages.get(i);
			}
		}
		return null;
	}

	private void write(Span span, List<FlatMessage> messages, String prefix) {
		for (int i = 0; i < messages.size(); i++) {
			FlatMessage message = messages.get(i);
			String base = prefix + i + ".message.";
			span.setAttribute(AttributeKey.stringKey(base + "role"), message.role());
			if (message.content() != null) {
				span.setAttribute(AttributeKey.stringKey(base + "content"), message.content());
			}
			if (message.toolCallId() != null) {
				span.setAttribute(AttributeKey.stringKey(base + "tool_call_id"), message.toolCallId());
			}
			for (int k = 0; k < message.toolCalls().size(); k++) {
				AssistantMessage.ToolCall call = message.toolCalls().get(k);
				String callBase = base + "tool_calls." + k + ".tool_call.";
				putIfText(span, callBase + "id", call.id());
				putIfText(span, callBase + "function.name", call.name());
				String arguments = this.capture.captureText(text(call.arguments()));
				putIfText(span, callBase + "function.arguments", arguments);
			}
		}
	}

	private String json(List<FlatMessage> messages) {
		List<Map<String, Object>> out = new ArrayList<>(messages.size());
		for (FlatMessage message : messages) {
			List<Map<String, Object>> parts = new ArrayList<>();
			if (message.content() != null) {
				Map<String, Object> part = new LinkedHashMap<>();
				part.put("type", (message.toolCallId() != null) ? "tool_call_response" : "text");
				if (message.toolCallId() != null) {
					part.put("id", message.toolCallId());
					part.put("response", message.content());
				}
				else {
					part.put("content", message.content());
				}
				parts.add(part);
			}
			for (AssistantMessage.ToolCall call : message.toolCalls()) {
				Map<String, Object> part = new LinkedHashMap<>();
				part.put("type", "tool_call");
				part.put("id", call.id());
				part.put("name", call.name());
				part.put("arguments", this.capture.captureText(text(call.arguments())));
				parts.add(part);
			}
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("role", message.role());
			entry.put("parts", parts);
			out.add(entry);
		}
		return JSON.writeValueAsString(out);
	}

	private static void putIfText(Span span, String key, String value) {
		if (value != null && !value.isEmpty()) {
			span.setAttribute(AttributeKey.stringKey(key), value);
		}
	}

	private static List<AssistantMessage.ToolCall> toolCalls(Message message) {
		return (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) ? assistant.getToolCalls()
				: List.of();
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

	private record FlatMessage(String role, String content, List<AssistantMessage.ToolCall> toolCalls,
			String toolCallId) {
	}

}
