package dev.llmobs.test.experiment.capitals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

import dev.llmobs.LlmObs;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmPrompt;
import dev.llmobs.annotation.Retriever;

/**
 * A tiny question-answering app under test: a retriever over six facts, a fake model that
 * answers with the first retrieved fact, a good flow and a regressed one.
 */
@SpringBootApplication
public class CapitalsApplication {

	/**
	 * A retrieved fact.
	 *
	 * @param id the fact id
	 * @param content the text
	 */
	public record Fact(String id, String content) {
	}

	/** The facts, searched by country name. */
	@Component
	public static class Atlas {

		private static final Map<String, Fact> FACTS = Map.of("france",
				new Fact("geo-fr", "Paris is the capital of France."), "germany",
				new Fact("geo-de", "Berlin is the capital of Germany."), "italy",
				new Fact("geo-it", "Rome is the capital of Italy."), "spain",
				new Fact("geo-es", "Madrid is the capital of Spain."), "japan",
				new Fact("geo-jp", "Tokyo is the capital of Japan."), "portugal",
				new Fact("geo-pt", "Lisbon is the capital of Portugal."));

		@Retriever(name = "atlas.search")
		public List<Fact> search(String query) {
			List<Fact> hits = new ArrayList<>();
			String lower = query.toLowerCase(Locale.ROOT);
			FACTS.forEach((country, fact) -> {
				if (lower.contains(country)) {
					hits.add(fact);
				}
			});
			return hits;
		}

	}

	/** A fake model: answers with the first fact, fails on "boom". */
	@Component
	public static class FakeModel {

		@LlmCall(provider = "openai", model = "gpt-4o-mini")
		public String complete(String question, List<Fact> facts) {
			if (question.contains("boom")) {
				throw new IllegalStateException("model unavailable");
			}
			LlmObs.recordUsage("gpt-4o-mini", 120, 12);
			return facts.isEmpty() ? "I do not know." : facts.get(0).content();
		}

	}

	/** The good flow. */
	@Service
	public static class CapitalsBot {

		private final Atlas atlas;

		private final FakeModel model;

		public CapitalsBot(Atlas atlas, FakeModel model) {
			this.atlas = atlas;
			this.model = model;
		}

		@LlmChain(name = "capitals-flow")
		@LlmPrompt(id = "capitals", version = "v2", template = "Answer from the facts: {question}")
		public String answer(String question) {
			return this.model.complete(question, this.atlas.search(question));
		}

	}

	/** A regressed flow: a refactoring lost the question from the retrieval query. */
	@Service
	public static class RegressedCapitalsBot {

		private final Atlas atlas;

		private final FakeModel model;

		public RegressedCapitalsBot(Atlas atlas, FakeModel model) {
			this.atlas = atlas;
			this.model = model;
		}

		@LlmChain(name = "capitals-flow")
		@LlmPrompt(id = "capitals", version = "v3", template = "Answer: {question}")
		public String answer(String question) {
			return this.model.complete(question, this.atlas.search("france"));
		}

	}

}
