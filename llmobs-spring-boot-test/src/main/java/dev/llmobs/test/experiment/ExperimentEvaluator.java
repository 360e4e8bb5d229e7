package dev.llmobs.test.experiment;

import dev.llmobs.eval.EvaluationResult;

/**
 * Scores one example's run, knowing what the dataset expected. The application's own
 * {@link dev.llmobs.eval.Evaluator Evaluator}s are used by name through
 * {@link Experiment#evaluators(String...)}; this type is for checks that need the
 * expectation (see {@link ExpectationEvaluators}).
 */
public interface ExperimentEvaluator {

	/**
	 * The name the report and the thresholds use.
	 * @return the name
	 */
	String name();

	/**
	 * Scores a run. Throwing is recorded as an {@code error} result.
	 * @param run the run
	 * @return the result, {@code null} when the evaluator does not apply to this example
	 * (for example no expectation), which keeps the example out of the aggregate
	 * @throws Exception when the evaluation cannot be done
	 */
	EvaluationResult evaluate(ExampleRun run) throws Exception;

	/**
	 * An evaluator from a function.
	 * @param name the name
	 * @param function the scoring function
	 * @return the evaluator
	 */
	static ExperimentEvaluator of(String name, Scoring function) {
		return new ExperimentEvaluator() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public EvaluationResult evaluate(ExampleRun run) throws Exception {
				return function.evaluate(run);
			}
		};
	}

	/**
	 * A scoring function.
	 */
	@FunctionalInterface
	interface Scoring {

		/**
		 * Scores a run.
		 * @param run the run
		 * @return the result, or {@code null} when not applicable
		 * @throws Exception when the evaluation cannot be done
		 */
		EvaluationResult evaluate(ExampleRun run) throws Exception;

	}

}
