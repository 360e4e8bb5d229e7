package dev.llmobs.sample.assistant;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.llmobs.annotation.LlmTask;
import dev.llmobs.sample.knowledge.Article;
import dev.llmobs.sample.model.SupportPrompt;

/**
 * Builds the model prompt from the question and the retrieved articles.
 */
@Component
public class PromptBuilder {

	@LlmTask(name = "build-prompt")
	public SupportPrompt build(String question, List<Article> articles) {
		StringBuilder system = new StringBuilder("You are the support assistant of Nimbus Notes. Answer only from "
				+ "the articles below, briefly, and cite the article ids in brackets. If they do not cover the "
				+ "question, say so and suggest contacting support.\n\nArticles:\n");
		for (Article article : articles) {
			system.append('[')
				.append(article.id())
				.append("] ")
				.append(article.title())
				.append(". ")
				.append(article.content())
				.append('\n');
		}
		return new SupportPrompt(system.toString(), question);
	}

}
