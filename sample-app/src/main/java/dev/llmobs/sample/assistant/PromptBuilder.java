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

	/** The id the prompt is declared under; see {@link SupportAssistant}. */
	public static final String TEMPLATE_ID = "support-answer";

	/** Bump when the template changes, then compare pass rate and cost per version. */
	public static final String VERSION = "2";

	/** The system prompt; {@code {articles}} is replaced by the retrieved articles. */
	public static final String TEMPLATE = "You are the support assistant of Nimbus Notes. Answer only from "
			+ "the articles below, briefly, and cite the article ids in brackets. If they do not cover the "
			+ "question, say so and suggest contacting support.\n\nArticles:\n{articles}";

	@LlmTask(name = "build-prompt")
	public SupportPrompt build(String question, List<Article> articles) {
		StringBuilder rendered = new StringBuilder();
		for (Article article : articles) {
			rendered.append('[')
				.append(article.id())
				.append("] ")
				.append(article.title())
				.append(". ")
				.append(article.content())
				.append('\n');
		}
		return new SupportPrompt(TEMPLATE.replace("{articles}", rendered), question);
	}

}
