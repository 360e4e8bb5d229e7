package dev.llmobs.springai;

import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import dev.llmobs.eval.JudgeClient;

/**
 * Asks a Spring AI {@link ChatModel}. Only instantiated when Spring AI is present.
 */
public final class SpringAiJudgeClient implements JudgeClient {

	private final ChatModel chatModel;

	/**
	 * Creates the client.
	 * @param chatModel the model
	 */
	public SpringAiJudgeClient(ChatModel chatModel) {
		this.chatModel = chatModel;
	}

	@Override
	public String complete(String system, String user) {
		ChatResponse response = this.chatModel.call(new Prompt(new SystemMessage(system), new UserMessage(user)));
		return (response != null && response.getResult() != null) ? response.getResult().getOutput().getText() : null;
	}

}
