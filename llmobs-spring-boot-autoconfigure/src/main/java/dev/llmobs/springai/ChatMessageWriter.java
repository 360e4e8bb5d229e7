package dev.llmobs.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.Span;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import dev.llmobs.capture.ContentCapture;
import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.convention.LlmMessage;
import dev.llmobs.trace.convention.MessageBudget;
import dev.llmobs.trace.convention.LlmSpanConvention;

/**
 * Turns a chat call's messages into convention-neutral {@link LlmMessage}s and has every
 * active convention write them (OpenInference's flattened
 * {@code llm.input_messages.N.message.*} with tool calls and {@code input.value}, GenAI's
 * {@code gen_ai.input.messages} JSON, ...). Every content goes through the capture (mode,
 * redaction, length limit) once; when a conversation has more messages than the attribute
 * budget allows, the oldest non-system ones are left out and counted.
 */
final class ChatMessageWriter {

	private final ContentCapture capture;

	private final List<LlmSpanConvention> conventions;

	private final int budget;

	ChatMessageWriter(ContentCapture capture, List<LlmSpanConvention> conventions, int budget) {
		this.capture = capture;
		this.conventions = conventions;
		this.budget = budget;
	}

	void writeInput(Span span, Prompt prompt) {
		List<RawMessage> all = new ArrayList<>();
		for (Message message : prompt.getInstructions()) {
			if (message instanceof ToolResponseMessage tools) {
				for (ToolResponseMessage.ToolResponse response : tools.getResponses()) {
					all.add(new RawMessage("tool", text(response.responseData()), List.of(), response.id(), null));
				}
			}
			else {
				all.add(new RawMessage(message.getMessageType().getValue(), text(message.getText()), toolCalls(message),
						null, null));
			}
		}
		// Choose what fits first, so the contents left out are never captured.
		List<LlmMessage> messages = new ArrayList<>();
		for (RawMessage message : MessageBudget.fit(all, this.budget, ChatMessageWriter::cost,
				(message) -> "system".equals(message.role()))) {
			messages.add(captured(message));
		}
		int dropped = all.size() - messages.size();
		for (LlmSpanConvention convention : this.conventions) {
			convention.inputMessages(span, messages);
		}
		if (dropped > 0) {
			span.setAttribute(LlmObsAttributes.LLMOBS_MESSAGES_DROPPED, (long) dropped);
		}
	}

	void writeOutput(Span span, ChatResponse response) {
		List<LlmMessage> messages = new ArrayList<>();
		for (Generation generation : response.getResults()) {
			AssistantMessage output = generation.getOutput();
			if (output != null) {
				String finishReason = (generation.getMetadata() != null) ? generation.getMetadata().getFinishReason()
						: null;
				messages.add(captured(new RawMessage("assistant", text(output.getText()), toolCalls(output), null,
						(finishReason != null && !finishReason.isEmpty()) ? finishReason : null)));
			}
		}
		if (messages.isEmpty()) {
			return;
		}
		for (LlmSpanConvention convention : this.conventions) {
			convention.outputMessages(span, messages);
		}
	}

	private LlmMessage captured(RawMessage message) {
		List<LlmMessage.ToolCall> calls = new ArrayList<>(message.toolCalls().size());
		for (AssistantMessage.ToolCall call : message.toolCalls()) {
			calls
				.add(new LlmMessage.ToolCall(call.id(), call.name(), this.capture.captureText(text(call.arguments()))));
		}
		return new LlmMessage(message.role(), this.capture.captureText(message.content()), calls, message.toolCallId(),
				message.finishReason());
	}

	static Map<String, Object> invocationParameters(ChatOptions options) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		if (options == null) {
			return parameters;
		}
		putIfPresent(parameters, "model", options.getModel());
		putIfPresent(parameters, "temperature", options.getTemperature());
		putIfPresent(parameters, "max_tokens", options.getMaxTokens());
		putIfPresent(parameters, "top_p", options.getTopP());
		putIfPresent(parameters, "top_k", options.getTopK());
		putIfPresent(parameters, "frequency_penalty", options.getFrequencyPenalty());
		putIfPresent(parameters, "presence_penalty", options.getPresencePenalty());
		putIfPresent(parameters, "stop", options.getStopSequences());
		return parameters;
	}

	private static void putIfPresent(Map<String, Object> parameters, String name, Object value) {
		if (value != null) {
			parameters.put(name, value);
		}
	}

	private static int cost(RawMessage message) {
		return MessageBudget.ATTRIBUTES_PER_MESSAGE
				+ MessageBudget.ATTRIBUTES_PER_TOOL_CALL * message.toolCalls().size()
				+ ((message.toolCallId() != null) ? 1 : 0);
	}

	private static List<AssistantMessage.ToolCall> toolCalls(Message message) {
		return (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) ? assistant.getToolCalls()
				: List.of();
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

	private record RawMessage(String role, String content, List<AssistantMessage.ToolCall> toolCalls, String toolCallId,
			String finishReason) {
	}

}
