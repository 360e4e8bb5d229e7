package dev.llmobs.langchain4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.output.FinishReason;

import dev.llmobs.capture.ContentCapture;
import dev.llmobs.trace.convention.LlmMessage;
import dev.llmobs.trace.convention.MessageBudget;

/**
 * Turns LangChain4j's chat messages into convention-neutral {@link LlmMessage}s, as the
 * Spring AI integration does for Spring AI's: every content goes through the capture
 * (mode, redaction, length limit) once; when a conversation has more messages than the
 * attribute budget allows, a leading system message and the latest turns are kept.
 */
final class ChatMessages {

	private final ContentCapture capture;

	private final int budget;

	ChatMessages(ContentCapture capture, int budget) {
		this.capture = capture;
		this.budget = budget;
	}

	/**
	 * The input messages that fit the budget, captured.
	 * @param messages the request's messages
	 * @return the captured messages
	 */
	List<LlmMessage> input(List<ChatMessage> messages) {
		List<ChatMessage> kept = MessageBudget.fit(messages, this.budget, ChatMessages::cost,
				(message) -> message instanceof SystemMessage);
		List<LlmMessage> out = new ArrayList<>(kept.size());
		for (ChatMessage message : kept) {
			out.add(captured(message, null));
		}
		return out;
	}

	/**
	 * The model's answer, captured.
	 * @param message the answer
	 * @param finishReason why generation stopped, or {@code null}
	 * @return the captured message
	 */
	LlmMessage output(AiMessage message, String finishReason) {
		return captured(message, finishReason);
	}

	private LlmMessage captured(ChatMessage message, String finishReason) {
		if (message instanceof AiMessage ai) {
			List<LlmMessage.ToolCall> calls = new ArrayList<>();
			if (ai.hasToolExecutionRequests()) {
				for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
					calls.add(new LlmMessage.ToolCall(request.id(), request.name(),
							this.capture.captureText(text(request.arguments()))));
				}
			}
			return new LlmMessage("assistant", this.capture.captureText(text(ai.text())), calls, null, finishReason);
		}
		if (message instanceof ToolExecutionResultMessage result) {
			return new LlmMessage("tool", this.capture.captureText(text(result.text())), List.of(), result.id(), null);
		}
		if (message instanceof SystemMessage system) {
			return LlmMessage.text("system", this.capture.captureText(text(system.text())));
		}
		if (message instanceof UserMessage user) {
			return LlmMessage.text("user", this.capture.captureText(userText(user)));
		}
		return LlmMessage.text(message.type().name().toLowerCase(Locale.ROOT), null);
	}

	static String userText(UserMessage user) {
		if (user.hasSingleText()) {
			return user.singleText();
		}
		StringBuilder text = new StringBuilder();
		for (Content content : user.contents()) {
			if (content instanceof TextContent part) {
				if (!text.isEmpty()) {
					text.append('\n');
				}
				text.append(part.text());
			}
		}
		return text.toString();
	}

	/**
	 * A finish reason in the words the OpenAI API and the other integrations use.
	 * @param reason LangChain4j's reason, or {@code null}
	 * @return the reason, or {@code null}
	 */
	static String finishReason(FinishReason reason) {
		if (reason == null) {
			return null;
		}
		return switch (reason) {
			case TOOL_EXECUTION -> "tool_calls";
			default -> reason.name().toLowerCase(Locale.ROOT);
		};
	}

	static Map<String, Object> invocationParameters(ChatRequestParameters parameters) {
		Map<String, Object> out = new LinkedHashMap<>();
		if (parameters == null) {
			return out;
		}
		putIfPresent(out, "model", parameters.modelName());
		putIfPresent(out, "temperature", parameters.temperature());
		putIfPresent(out, "max_tokens", parameters.maxOutputTokens());
		putIfPresent(out, "top_p", parameters.topP());
		putIfPresent(out, "top_k", parameters.topK());
		putIfPresent(out, "frequency_penalty", parameters.frequencyPenalty());
		putIfPresent(out, "presence_penalty", parameters.presencePenalty());
		if (parameters.stopSequences() != null && !parameters.stopSequences().isEmpty()) {
			out.put("stop", parameters.stopSequences());
		}
		return out;
	}

	private static void putIfPresent(Map<String, Object> parameters, String name, Object value) {
		if (value != null) {
			parameters.put(name, value);
		}
	}

	private static int cost(ChatMessage message) {
		if (message instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
			return MessageBudget.ATTRIBUTES_PER_MESSAGE
					+ MessageBudget.ATTRIBUTES_PER_TOOL_CALL * ai.toolExecutionRequests().size();
		}
		return MessageBudget.ATTRIBUTES_PER_MESSAGE + ((message instanceof ToolExecutionResultMessage) ? 1 : 0);
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

}
