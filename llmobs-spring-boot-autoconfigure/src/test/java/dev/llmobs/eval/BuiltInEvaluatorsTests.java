package dev.llmobs.eval;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BuiltInEvaluatorsTests {

	private static EvaluationInput answer(String answer, String... context) {
		return new EvaluationInput("question", answer, List.of(context), Map.of(), "t", "s");
	}

	private static EvaluationResult run(Evaluator evaluator, EvaluationInput input) throws Exception {
		return evaluator.evaluate(input);
	}

	@Test
	void nonEmptyFailsOnBlankAndNull() throws Exception {
		Evaluator nonEmpty = BuiltInEvaluators.nonEmpty("non-empty");
		assertThat(run(nonEmpty, answer("Refunds take 5 days.")).verdict()).isEqualTo(Verdict.PASS);
		assertThat(run(nonEmpty, answer("  \n")).verdict()).isEqualTo(Verdict.FAIL);
		assertThat(run(nonEmpty, answer(null)).score()).isEqualTo(0.0);
	}

	@Test
	void lengthCountsCodePoints() throws Exception {
		Evaluator length = BuiltInEvaluators.length("length", 2, 3);
		assertThat(run(length, answer("😀😀😀")).verdict()).isEqualTo(Verdict.PASS);
		assertThat(run(length, answer("abcd")).verdict()).isEqualTo(Verdict.FAIL);
		assertThat(run(length, answer("a")).explanation()).isEqualTo("length 1, expected 2..3");
	}

	@Test
	void regexRequiresAndForbids() throws Exception {
		Evaluator regex = BuiltInEvaluators.regex("cites", "\\[kb-\\d+\\]", "(?i)guarantee");
		assertThat(run(regex, answer("See [kb-12].")).verdict()).isEqualTo(Verdict.PASS);
		assertThat(run(regex, answer("No citation.")).verdict()).isEqualTo(Verdict.FAIL);
		assertThat(run(regex, answer("[kb-1] We GUARANTEE it.")).verdict()).isEqualTo(Verdict.FAIL);
	}

	@Test
	void jsonChecksValidityAndRequiredFields() throws Exception {
		Evaluator json = BuiltInEvaluators.json("json", List.of("answer", "sources"));
		assertThat(run(json, answer("{\"answer\":\"x\",\"sources\":[]}")).verdict()).isEqualTo(Verdict.PASS);
		assertThat(run(json, answer("{\"answer\":\"x\"}")).explanation()).isEqualTo("missing fields [sources]");
		assertThat(run(json, answer("not json {")).verdict()).isEqualTo(Verdict.FAIL);
		assertThat(run(json, answer("")).verdict()).isEqualTo(Verdict.FAIL);
	}

	@Test
	void refusalIsDetected() throws Exception {
		Evaluator refusal = BuiltInEvaluators.refusal("refusal");
		assertThat(run(refusal, answer("I'm sorry, but I can't help with that.")).label()).isEqualTo("refusal");
		assertThat(run(refusal, answer("I cannot assist with this request.")).verdict()).isEqualTo(Verdict.FAIL);
		assertThat(run(refusal, answer("Refunds take 5 days; I can help you start one.")).label())
			.isEqualTo("answered");
	}

	@Test
	void piiLeakNamesKindsNotValues() throws Exception {
		Evaluator pii = BuiltInEvaluators.piiLeak("pii-leak");
		EvaluationResult leak = run(pii, answer("Mail jane@example.com or call +44 20 7946 0958"));
		assertThat(leak.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(leak.explanation()).contains("emails").contains("phones").doesNotContain("jane");
		assertThat(run(pii, answer("Your order ships tomorrow.")).verdict()).isEqualTo(Verdict.PASS);
	}

	@Test
	void contextOverlapScoresGroundedness() throws Exception {
		Evaluator overlap = BuiltInEvaluators.contextOverlap("context-overlap", 0.5);
		EvaluationResult grounded = run(overlap, answer("Refunds are processed within five business days.",
				"Refunds are processed within five business days of receiving the item."));
		assertThat(grounded.verdict()).isEqualTo(Verdict.PASS);
		assertThat(grounded.score()).isEqualTo(1.0);
		EvaluationResult ungrounded = run(overlap,
				answer("Our headquarters moved to Lisbon last spring.", "Refunds take five days."));
		assertThat(ungrounded.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(ungrounded.score()).isLessThan(0.5);
	}

	@Test
	void contextOverlapHandlesEmptyContextUnicodeAndHugeAnswers() throws Exception {
		Evaluator overlap = BuiltInEvaluators.contextOverlap("context-overlap", 0.5);
		assertThat(run(overlap, answer("Something")).label()).isEqualTo("no-context");
		assertThat(run(overlap, answer("Rückerstattung dauert fünf Tage", "Die Rückerstattung dauert fünf Tage."))
			.verdict()).isEqualTo(Verdict.PASS);
		String huge = "refund ".repeat(200_000);
		assertThat(run(overlap, answer(huge, "refund policy")).score()).isEqualTo(1.0);
	}

	@Test
	void declaredEvaluatorsAreBuiltFromSettings() throws Exception {
		Evaluator declared = BuiltInEvaluators.declared("short", "length", Map.of("max-length", "5"));
		assertThat(declared.name()).isEqualTo("short");
		assertThat(run(declared, answer("too long")).verdict()).isEqualTo(Verdict.FAIL);
		assertThatIllegalArgumentException().isThrownBy(() -> BuiltInEvaluators.declared("x", "telepathy", Map.of()))
			.withMessageContaining("telepathy");
	}

}
