package dev.llmobs.sample.model;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import dev.llmobs.annotation.LlmCall;
import dev.llmobs.sample.tools.CustomerPlans;

/**
 * OpenAI (or any OpenAI-compatible server, such as Ollama) through a Spring AI
 * {@code ChatClient} that offers the model the {@link CustomerPlans} tool; active when
 * {@code OPENAI_API_KEY} is set. Each answer is an agent turn: model call, the tool calls
 * the model asks for, and the model call that reads their results.
 */
@Component
@Profile("openai")
public class OpenAiSupportModel implements SupportModel {

	private final ChatClient chatClient;

	private final String model;

	public OpenAiSupportModel(ChatClient.Builder chatClients, CustomerPlans plans,
			@Value("${spring.ai.openai.chat.options.model}") String model) {
		this.chatClient = chatClients.defaultTools(plans).build();
		this.model = model;
	}

	@Override
	@LlmCall(provider = "openai")
	public ModelReply answer(SupportPrompt prompt) {
		ChatResponse response = this.chatClient.prompt()
			.system(prompt.system())
			.user(prompt.user())
			.call()
			.chatResponse();
		String text = response.getResult().getOutput().getText();
		var usage = response.getMetadata().getUsage();
		return new ModelReply(text, response.getMetadata().getModel(),
				new ModelReply.Usage(usage.getPromptTokens(), usage.getCompletionTokens()));
	}

	@Override
	@LlmCall(provider = "openai")
	public Flux<String> stream(SupportPrompt prompt) {
		return this.chatClient.prompt()
			.system(prompt.system())
			.user(prompt.user())
			.stream()
			.chatResponse()
			.mapNotNull(
					(response) -> (response.getResult() != null) ? response.getResult().getOutput().getText() : null);
	}

	@Override
	public String label() {
		return "OpenAI " + this.model + " via Spring AI";
	}

}
