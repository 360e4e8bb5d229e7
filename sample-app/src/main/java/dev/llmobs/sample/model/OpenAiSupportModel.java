package dev.llmobs.sample.model;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import dev.llmobs.annotation.LlmCall;

/**
 * OpenAI (or any OpenAI-compatible server, such as Ollama) through Spring AI's chat
 * model; active when {@code OPENAI_API_KEY} is set.
 */
@Component
@Profile("openai")
public class OpenAiSupportModel implements SupportModel {

	private final ChatModel chatModel;

	private final String model;

	public OpenAiSupportModel(ChatModel chatModel, @Value("${spring.ai.openai.chat.options.model}") String model) {
		this.chatModel = chatModel;
		this.model = model;
	}

	@Override
	@LlmCall(provider = "openai")
	public ModelReply answer(SupportPrompt prompt) {
		ChatResponse response = this.chatModel
			.call(new Prompt(new SystemMessage(prompt.system()), new UserMessage(prompt.user())));
		String text = response.getResult().getOutput().getText();
		var usage = response.getMetadata().getUsage();
		return new ModelReply(text, response.getMetadata().getModel(),
				new ModelReply.Usage(usage.getPromptTokens(), usage.getCompletionTokens()));
	}

	@Override
	@LlmCall(provider = "openai")
	public Flux<String> stream(SupportPrompt prompt) {
		return this.chatModel.stream(new Prompt(new SystemMessage(prompt.system()), new UserMessage(prompt.user())))
			.mapNotNull(
					(response) -> (response.getResult() != null) ? response.getResult().getOutput().getText() : null);
	}

	@Override
	public String label() {
		return "OpenAI " + this.model + " via Spring AI";
	}

}
