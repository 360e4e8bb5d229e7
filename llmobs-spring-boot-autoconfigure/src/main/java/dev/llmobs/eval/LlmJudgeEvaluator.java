package dev.llmobs.eval;

import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.llmobs.json.LlmObsJson;
import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsScope;

/**
 * LLM-as-a-judge: asks a model to score the answer against a rubric on a scale, and
 * parses a strict JSON answer {@code {"score": n, "label": "...", "explanation": "..."}}.
 * An answer that is not such JSON, or whose score is off the scale, is an evaluation
 * error, never a score. The judge's own spans carry {@code llmobs.evaluation.judge=true}
 * and its cost is kept out of the trace's cost.
 */
public final class LlmJudgeEvaluator implements Evaluator {

	private static final JsonMapper json = LlmObsJson.mapper();

	private final String name;

	private final JudgeClient client;

	private final String rubric;

	private final double threshold;

	private final double scale;

	/**
	 * Creates a judge.
	 * @param name the evaluator name
	 * @param client the judge model
	 * @param rubric what a good answer is
	 * @param threshold the passing share of the scale, 0 to 1
	 * @param scale the top of the scale the judge scores on (from 0)
	 */
	public LlmJudgeEvaluator(String name, JudgeClient client, String rubric, double threshold, double scale) {
		this.name = name;
		this.client = client;
		this.rubric = rubric;
		this.threshold = threshold;
		this.scale = scale;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public EvaluationResult evaluate(EvaluationInput input) throws Exception {
		String system = "You are a strict evaluator of a support assistant's answers. Score the answer from 0 to "
				+ format(this.scale) + " against this rubric: " + this.rubric
				+ "\nReply with a single JSON object and nothing else: "
				+ "{\"score\": <number>, \"label\": \"<one word>\", \"explanation\": \"<one sentence>\"}";
		StringBuilder user = new StringBuilder();
		user.append("Question:\n").append(orNone(input.question())).append("\n\nContext:\n");
		if (input.context() == null || input.context().isEmpty()) {
			user.append("(none)\n");
		}
		else {
			input.context().forEach((document) -> user.append("- ").append(document).append('\n'));
		}
		user.append("\nAnswer:\n").append(orNone(input.answer()));
		String raw;
		try (LlmObsScope judge = ContextScopes.open((context) -> context.asJudge())) {
			raw = this.client.complete(system, user.toString());
		}
		return parse(raw);
	}

	EvaluationResult parse(String raw) {
		JsonNode node;
		try {
			node = json.readTree((raw != null) ? raw.trim() : "");
		}
		catch (RuntimeException ex) {
			return EvaluationResult.error(this.name, "malformed judge answer: not JSON");
		}
		if (node == null || !node.isObject() || !node.has("score") || !node.get("score").isNumber()) {
			return EvaluationResult.error(this.name, "malformed judge answer: no numeric score");
		}
		double score = node.get("score").asDouble();
		if (score < 0 || score > this.scale) {
			return EvaluationResult.error(this.name,
					"malformed judge answer: score " + format(score) + " is outside 0.." + format(this.scale));
		}
		double normalized = score / this.scale;
		String label = node.hasNonNull("label") ? node.get("label").asString() : null;
		String explanation = node.hasNonNull("explanation") ? node.get("explanation").asString() : null;
		Verdict verdict = (normalized >= this.threshold) ? Verdict.PASS : Verdict.FAIL;
		return new EvaluationResult(this.name, normalized, label, verdict, explanation);
	}

	private static String orNone(String text) {
		return (text != null) ? text : "(none)";
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
	}

}
