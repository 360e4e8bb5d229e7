package dev.llmobs.trace.convention;

import java.util.List;

/**
 * One message of a model conversation, convention-neutral, with its content already
 * captured.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the captured text, or {@code null}
 * @param toolCalls the tool calls an assistant message asks for, possibly empty
 * @param toolCallId for a tool's response, the id of the call it answers, else
 * {@code null}
 * @param finishReason for a model's answer, why generation stopped, or {@code null}
 */
public record LlmMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId,
		String finishReason) {

	/**
	 * A text message.
	 * @param role the role
	 * @param content the captured text
	 * @return the message
	 */
	public static LlmMessage text(String role, String content) {
		return new LlmMessage(role, content, List.of(), null, null);
	}

	/**
	 * One tool call requested by the model.
	 *
	 * @param id the call id, or {@code null}
	 * @param name the tool name
	 * @param arguments the captured arguments (JSON text as the model sent them)
	 */
	public record ToolCall(String id, String name, String arguments) {

	}

}
