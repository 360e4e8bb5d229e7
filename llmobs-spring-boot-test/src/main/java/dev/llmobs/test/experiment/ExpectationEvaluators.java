package dev.llmobs.test.experiment;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.llmobs.eval.EvaluationInput;
import dev.llmobs.eval.EvaluationResult;
import dev.llmobs.eval.JudgeClient;
import dev.llmobs.eval.LlmJudgeEvaluator;

/**
 * Evaluators that compare a run with what the dataset expected. Each returns {@code null}
 * (not applicable) for an example without the expectation it needs.
 */
public final class ExpectationEvaluators {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private ExpectationEvaluators() {
	}

	/**
	 * {@code exact-match}: the answer equals the expected output, ignoring surrounding
	 * and repeated whitespace.
	 * @return the evaluator
	 */
	public static ExperimentEvaluator exactMatch() {
		String name = "exact-match";
		return ExperimentEvaluator.of(name, (run) -> {
			String expected = run.example().expectedOutput();
			if (expected == null) {
				return null;
			}
			boolean equal = normalize(expected).equals(normalize(run.outputText()));
			return equal ? EvaluationResult.pass(name, 1.0, null)
					: EvaluationResult.fail(name, 0.0, "the answer differs from the expected output");
		});
	}

	/**
	 * {@code contains-match}: the answer contains the expected output, ignoring case and
	 * whitespace differences.
	 * @return the evaluator
	 */
	public static ExperimentEvaluator containsMatch() {
		String name = "contains-match";
		return ExperimentEvaluator.of(name, (run) -> {
			String expected = run.example().expectedOutput();
			if (expected == null) {
				return null;
			}
			boolean contains = normalize(run.outputText()).toLowerCase(Locale.ROOT)
				.contains(normalize(expected).toLowerCase(Locale.ROOT));
			return contains ? EvaluationResult.pass(name, 1.0, null)
					: EvaluationResult.fail(name, 0.0, "the answer does not contain '" + expected + "'");
		});
	}

	/**
	 * {@code expected-document-recall} with a passing recall of 1 (every expected
	 * document retrieved).
	 * @return the evaluator
	 */
	public static ExperimentEvaluator expectedDocumentRecall() {
		return expectedDocumentRecall(1.0);
	}

	/**
	 * {@code expected-document-recall}: the share of the expected document ids that the
	 * run's retrievers returned (read from the {@code retrieval.documents.N.document.id}
	 * attributes of the run's trace).
	 * @param threshold the passing recall, 0 to 1
	 * @return the evaluator
	 */
	public static ExperimentEvaluator expectedDocumentRecall(double threshold) {
		String name = "expected-document-recall";
		return ExperimentEvaluator.of(name, (run) -> {
			List<String> expected = run.example().expectedDocumentIds();
			if (expected.isEmpty()) {
				return null;
			}
			if (run.traceId() == null) {
				return EvaluationResult.error(name, "the run left no trace to read the retrieved documents from: "
						+ "is tracing on, with management.tracing.sampling.probability=1.0?");
			}
			Set<String> retrieved = new LinkedHashSet<>(run.retrievedDocumentIds());
			List<String> missing = expected.stream().filter((id) -> !retrieved.contains(id)).toList();
			double recall = (double) (expected.size() - missing.size()) / expected.size();
			String explanation = missing.isEmpty() ? "retrieved " + expected
					: "missing " + missing + "; retrieved " + run.retrievedDocumentIds();
			return (recall >= threshold) ? EvaluationResult.pass(name, recall, explanation)
					: EvaluationResult.fail(name, recall, explanation);
		});
	}

	/**
	 * {@code reference-judge}: the application's {@link JudgeClient} scores the answer
	 * against the rubric and the example's expected output as the reference answer,
	 * through the starter's {@link LlmJudgeEvaluator} (same strict JSON reply, same
	 * normalised score; a malformed reply is an error, never a score).
	 * @param client the judge model
	 * @param rubric what a good answer is
	 * @param threshold the passing share of the scale, 0 to 1
	 * @param scale the top of the judge's scale
	 * @return the evaluator
	 */
	public static ExperimentEvaluator referenceJudge(JudgeClient client, String rubric, double threshold,
			double scale) {
		String name = "reference-judge";
		return ExperimentEvaluator.of(name, (run) -> {
			String reference = run.example().expectedOutput();
			if (reference == null) {
				return null;
			}
			String withReference = rubric + "\nA correct reference answer follows; the answer should agree with it "
					+ "in substance (wording may differ):\n" + reference;
			LlmJudgeEvaluator judge = new LlmJudgeEvaluator(name, client, withReference, threshold, scale);
			return judge.evaluate(new EvaluationInput(run.example().input(), run.outputText(), run.context(),
					run.example().metadata(), run.traceId(), null));
		});
	}

	private static String normalize(String text) {
		return (text != null) ? WHITESPACE.matcher(text.trim()).replaceAll(" ") : "";
	}

}
