package dev.llmobs.sample.assistant;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Service;

import dev.llmobs.annotation.Evaluated;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmPrompt;
import dev.llmobs.sample.knowledge.Article;
import dev.llmobs.sample.knowledge.KnowledgeBase;
import dev.llmobs.sample.model.ModelReply;
import dev.llmobs.sample.model.SupportModel;

/**
 * The support flow: one trace per question, chain over retriever, prompt task and model
 * call, with the answer evaluated for emptiness, groundedness and leaked personal data.
 */
@Service
public class SupportAssistant {

	private static final int ARTICLES = 3;

	private final KnowledgeBase knowledgeBase;

	private final PromptBuilder prompts;

	private final SupportModel model;

	public SupportAssistant(KnowledgeBase knowledgeBase, PromptBuilder prompts, SupportModel model) {
		this.knowledgeBase = knowledgeBase;
		this.prompts = prompts;
		this.model = model;
	}

	@LlmChain(name = "support-flow")
	@LlmPrompt(id = PromptBuilder.TEMPLATE_ID, version = PromptBuilder.VERSION, template = PromptBuilder.TEMPLATE)
	@Evaluated({ "non-empty", "context-overlap", "pii-leak", "answer-quality" })
	public SupportAnswer answer(String question) {
		List<Article> articles = this.knowledgeBase.search(question, ARTICLES);
		ModelReply reply = this.model.answer(this.prompts.build(question, articles));
		return new SupportAnswer(reply.text(), articles, this.model.label());
	}

	/**
	 * The same flow streamed: the search runs on another thread and the model streams its
	 * answer; every step still nests under this chain, which ends after the last chunk.
	 * @param question the question
	 * @return the chunks of the answer
	 */
	@LlmChain(name = "support-flow-stream")
	@LlmPrompt(id = PromptBuilder.TEMPLATE_ID, version = PromptBuilder.VERSION, template = PromptBuilder.TEMPLATE)
	public Flux<String> answerStream(String question) {
		return Mono.fromCallable(() -> this.knowledgeBase.search(question, ARTICLES))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMapMany((articles) -> this.model.stream(this.prompts.build(question, articles)));
	}

}
