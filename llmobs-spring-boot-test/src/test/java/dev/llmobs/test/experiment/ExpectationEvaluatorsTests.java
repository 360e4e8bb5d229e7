package dev.llmobs.test.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.llmobs.eval.EvaluationResult;
import dev.llmobs.eval.JudgeClient;
import dev.llmobs.eval.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectation-aware evaluators, offline (the judge is a fake {@link JudgeClient}).
 */
class ExpectationEvaluatorsTests {

	private static ExampleRun run(Example example, String output, List<String> retrieved) {
		return new ExampleRun(example, output, output, retrieved, List.of("Paris is the capital of France."),
				"0af7651916cd43dd8448eb211c80319c", List.of());
	}

	private static final Example FRANCE = new Example("fr", "Capital of France?", "Paris", List.of("geo-fr", "geo-eu"),
			Map.of());

	@Test
	void exactMatchIgnoresOnlyWhitespace() throws Exception {
		ExperimentEvaluator exact = ExpectationEvaluators.exactMatch();

		assertThat(exact.evaluate(run(FRANCE, "  Paris\n", List.of())).verdict()).isEqualTo(Verdict.PASS);
		assertThat(exact.evaluate(run(FRANCE, "paris", List.of())).verdict()).isEqualTo(Verdict.FAIL);
	}

	@Test
	void containsMatchIgnoresCase() throws Exception {
		ExperimentEvaluator contains = ExpectationEvaluators.containsMatch();

		assertThat(contains.evaluate(run(FRANCE, "It is PARIS.", List.of())).verdict()).isEqualTo(Verdict.PASS);
		assertThat(contains.evaluate(run(FRANCE, "It is Lyon.", List.of())).verdict()).isEqualTo(Verdict.FAIL);
	}

	@Test
	void anEvaluatorWithoutItsExpectationDoesNotApply() throws Exception {
		Example bare = Example.of("x", "hello");

		assertThat(ExpectationEvaluators.exactMatch().evaluate(run(bare, "hi", List.of()))).isNull();
		assertThat(ExpectationEvaluators.expectedDocumentRecall().evaluate(run(bare, "hi", List.of()))).isNull();
	}

	@Test
	void recallIsTheShareOfExpectedDocumentsRetrieved() throws Exception {
		EvaluationResult half = ExpectationEvaluators.expectedDocumentRecall(0.5)
			.evaluate(run(FRANCE, "Paris", List.of("geo-fr", "geo-de")));
		EvaluationResult strict = ExpectationEvaluators.expectedDocumentRecall()
			.evaluate(run(FRANCE, "Paris", List.of("geo-fr", "geo-de")));

		assertThat(half.score()).isEqualTo(0.5);
		assertThat(half.verdict()).isEqualTo(Verdict.PASS);
		assertThat(strict.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(strict.explanation()).isEqualTo("missing [geo-eu]; retrieved [geo-fr, geo-de]");
	}

	@Test
	void theReferenceJudgeSeesTheReferenceAnswerAndItsScoreIsNormalised() throws Exception {
		List<String> prompts = new ArrayList<>();
		JudgeClient judge = (system, user) -> {
			prompts.add(system);
			prompts.add(user);
			return "{\"score\": 4, \"label\": \"correct\", \"explanation\": \"agrees with the reference\"}";
		};

		EvaluationResult result = ExpectationEvaluators.referenceJudge(judge, "The answer is correct.", 0.6, 5)
			.evaluate(run(FRANCE, "The capital is Paris.", List.of()));

		assertThat(result.name()).isEqualTo("reference-judge");
		assertThat(result.score()).isEqualTo(0.8);
		assertThat(result.verdict()).isEqualTo(Verdict.PASS);
		assertThat(result.label()).isEqualTo("correct");
		assertThat(prompts.get(0)).contains("The answer is correct.", "reference answer", "Paris");
		assertThat(prompts.get(1)).contains("Capital of France?", "The capital is Paris.");
	}

	@Test
	void aMalformedJudgeReplyIsAnErrorNotAScore() throws Exception {
		EvaluationResult result = ExpectationEvaluators
			.referenceJudge((system, user) -> "great answer!", "rubric", 0.6, 5)
			.evaluate(run(FRANCE, "Paris", List.of()));

		assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
		assertThat(result.score()).isNull();
	}

}
