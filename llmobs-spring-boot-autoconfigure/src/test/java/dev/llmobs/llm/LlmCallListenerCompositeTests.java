package dev.llmobs.llm;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.llmobs.eval.EvaluationEvent;
import dev.llmobs.eval.EvaluationListener;
import dev.llmobs.eval.EvaluationResult;
import dev.llmobs.eval.Verdict;
import dev.llmobs.failure.RecordingFailures;

import static org.assertj.core.api.Assertions.assertThat;

class LlmCallListenerCompositeTests {

	private final LlmUsage usage = LlmUsage.of(3, 4);

	@Test
	void aListenerWrittenAgainstTheFiveArgumentMethodStillReceivesRecordedEvents() {
		List<String> models = new ArrayList<>();
		LlmCallListener old = (provider, model, usage, cost, truncated) -> models.add(model);
		old.recorded(new LlmCallEvent("openai", "gpt-4o", this.usage, null, false, "v1"));
		assertThat(models).containsExactly("gpt-4o");
	}

	@Test
	void aListenerWrittenAgainstTheSixArgumentMethodReceivesThePromptVersion() {
		List<String> versions = new ArrayList<>();
		LlmCallListener old = new LlmCallListener() {

			@Override
			public void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated) {
			}

			@Override
			public void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated,
					String promptVersion) {
				versions.add(promptVersion);
			}

		};
		old.recorded(new LlmCallEvent("openai", "gpt-4o", this.usage, null, false, "v1"));
		assertThat(versions).containsExactly("v1");
	}

	@Test
	void theCompositeTellsEveryListenerInOrderPastOneThatThrows() {
		List<String> told = new ArrayList<>();
		long failures = RecordingFailures.count();
		LlmCallListener composite = LlmCallListener
			.composite(List.of((p, m, u, c, t) -> told.add("first"), (p, m, u, c, t) -> {
				throw new IllegalStateException("broken");
			}, (p, m, u, c, t) -> told.add("third")));
		composite.recorded(new LlmCallEvent(null, "m", this.usage, null, false, null));
		assertThat(told).containsExactly("first", "third");
		assertThat(RecordingFailures.count()).isGreaterThan(failures);
	}

	@Test
	void anEmptyCompositeIsTheNoOpAndASingleListenerIsItself() {
		LlmCallListener only = (p, m, u, c, t) -> {
		};
		assertThat(LlmCallListener.composite(List.of())).isSameAs(LlmCallListener.NONE);
		assertThat(LlmCallListener.composite(List.of(only))).isSameAs(only);
	}

	@Test
	void anEvaluationListenerWrittenAgainstTheOneArgumentMethodStillReceivesEvents() {
		List<EvaluationResult> results = new ArrayList<>();
		EvaluationListener old = new EvaluationListener() {

			@Override
			public void evaluated(EvaluationResult result) {
				results.add(result);
			}

		};
		List<String> skipped = new ArrayList<>();
		EvaluationListener other = new EvaluationListener() {

			@Override
			public void skipped(String evaluator) {
				skipped.add(evaluator);
			}

		};
		EvaluationResult result = new EvaluationResult("non-empty", 1.0, null, Verdict.PASS, null);
		EvaluationListener composite = EvaluationListener.composite(List.of(old, other));
		composite.evaluated(new EvaluationEvent(result, "v3"));
		composite.skipped("judge");
		assertThat(results).containsExactly(result);
		assertThat(skipped).containsExactly("judge");
	}

}
