package dev.llmobs.test.experiment;

import java.util.List;
import java.util.Map;

/**
 * The result of one experiment run, as written to {@code report.json} (and read back as a
 * baseline).
 *
 * @param name the experiment name
 * @param runId this run's id
 * @param dataset where the examples came from
 * @param startedAt when the run started (ISO-8601)
 * @param concurrency the most examples run at once
 * @param promptVersions the prompt template versions seen in the runs' traces
 * @param summary counts, cost and latency
 * @param aggregates one per evaluator, in declaration order
 * @param examples one per example, in dataset order
 * @param comparison the comparison with the baseline, or {@code null} without one
 * @param failures why the run fails its gates; empty when it passes
 */
public record ExperimentReport(String name, String runId, String dataset, String startedAt, int concurrency,
		List<String> promptVersions, Summary summary, Map<String, Aggregate> aggregates, List<ExampleResult> examples,
		Comparison comparison, List<String> failures) {

	/**
	 * Whether every gate passed.
	 * @return {@code true} when there are no failures
	 */
	public boolean passed() {
		return this.failures == null || this.failures.isEmpty();
	}

	/**
	 * Counts, cost and latency of a run.
	 *
	 * @param examples the number of examples run
	 * @param failedExamples the examples whose task threw or timed out
	 * @param totalCostUsd the model cost of all runs (judge calls excluded), USD
	 * @param latencyP50Ms the median latency of one example, milliseconds
	 * @param latencyP95Ms the 95th percentile latency of one example, milliseconds
	 */
	public record Summary(int examples, int failedExamples, double totalCostUsd, double latencyP50Ms,
			double latencyP95Ms) {

	}

	/**
	 * One evaluator over all examples it applied to.
	 *
	 * @param evaluator the evaluator name
	 * @param count the examples it applied to
	 * @param passed the passing results
	 * @param failed the failing results
	 * @param errors the evaluator errors (counted as not passing, left out of the mean)
	 * @param passRate passed / count
	 * @param meanScore the mean score, or {@code null} when no result had a score
	 */
	public record Aggregate(String evaluator, int count, int passed, int failed, int errors, double passRate,
			Double meanScore) {

	}

	/**
	 * One example's run.
	 *
	 * @param id the example id
	 * @param input the input
	 * @param expectedOutput the reference answer, or {@code null}
	 * @param output the answer's text, or {@code null} when the example failed
	 * @param error why the example failed, or {@code null}
	 * @param scores one per applicable evaluator
	 * @param costUsd the model cost of the run, USD (judge calls excluded)
	 * @param latencyMs how long the task took, milliseconds
	 * @param traceId the run's trace id
	 * @param expectedDocumentIds the expected document ids
	 * @param retrievedDocumentIds the document ids the run retrieved
	 * @param promptVersions the prompt template versions ({@code id@version}) the run
	 * used
	 */
	public record ExampleResult(String id, String input, String expectedOutput, String output, String error,
			List<Score> scores, double costUsd, double latencyMs, String traceId, List<String> expectedDocumentIds,
			List<String> retrievedDocumentIds, List<String> promptVersions) {

		/**
		 * Whether the task threw or timed out.
		 * @return {@code true} for a failed example
		 */
		public boolean failed() {
			return this.error != null;
		}

	}

	/**
	 * One evaluator's result for one example.
	 *
	 * @param evaluator the evaluator name
	 * @param score the score from 0 to 1, or {@code null}
	 * @param label the label, or {@code null}
	 * @param verdict {@code pass}, {@code fail} or {@code error}
	 * @param explanation why, or {@code null}
	 */
	public record Score(String evaluator, Double score, String label, String verdict, String explanation) {

	}

	/**
	 * This run against a baseline report.
	 *
	 * @param baseline where the baseline came from
	 * @param baselineRunId the baseline's run id
	 * @param tolerance the largest drop allowed in a pass rate or mean score
	 * @param deltas one per evaluator in this run
	 * @param regressions the evaluators that dropped more than the tolerance, explained
	 */
	public record Comparison(String baseline, String baselineRunId, double tolerance, List<Delta> deltas,
			List<String> regressions) {

	}

	/**
	 * One evaluator against the baseline.
	 *
	 * @param evaluator the evaluator name
	 * @param baselinePassRate the baseline's pass rate, or {@code null} when the baseline
	 * did not run this evaluator
	 * @param passRate this run's pass rate
	 * @param passRateDelta the change, or {@code null}
	 * @param baselineMeanScore the baseline's mean score, or {@code null}
	 * @param meanScore this run's mean score, or {@code null}
	 * @param meanScoreDelta the change, or {@code null}
	 * @param regressed whether a drop exceeds the tolerance
	 */
	public record Delta(String evaluator, Double baselinePassRate, double passRate, Double passRateDelta,
			Double baselineMeanScore, Double meanScore, Double meanScoreDelta, boolean regressed) {

	}

}
