package dev.llmobs.eval;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.llmobs.json.LlmObsJson;
import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;

/**
 * The deterministic built-in evaluators: {@code non-empty}, {@code length},
 * {@code regex}, {@code json}, {@code refusal}, {@code pii-leak} and
 * {@code context-overlap}.
 */
public final class BuiltInEvaluators {

	private static final JsonMapper json = LlmObsJson.mapper();

	private BuiltInEvaluators() {
	}

	/**
	 * The built-ins with their default settings.
	 * @return the evaluators
	 */
	public static List<Evaluator> defaults() {
		return List.of(nonEmpty("non-empty"), length("length", 1, 4000), json("json", List.of()), refusal("refusal"),
				piiLeak("pii-leak"), contextOverlap("context-overlap", 0.5));
	}

	/**
	 * Passes when the answer has non-whitespace text.
	 * @param name the evaluator name
	 * @return the evaluator
	 */
	public static Evaluator nonEmpty(String name) {
		return of(name, (input) -> (input.answer() != null && !input.answer().isBlank())
				? EvaluationResult.pass(name, 1.0, null) : EvaluationResult.fail(name, 0.0, "the answer is empty"));
	}

	/**
	 * Passes when the answer's length (in code points) is within bounds.
	 * @param name the evaluator name
	 * @param min the minimum length
	 * @param max the maximum length
	 * @return the evaluator
	 */
	public static Evaluator length(String name, int min, int max) {
		return of(name, (input) -> {
			int length = (input.answer() != null) ? input.answer().codePointCount(0, input.answer().length()) : 0;
			String explanation = "length " + length + ", expected " + min + ".." + max;
			return (length >= min && length <= max) ? EvaluationResult.pass(name, 1.0, explanation)
					: EvaluationResult.fail(name, 0.0, explanation);
		});
	}

	/**
	 * Passes when the answer matches {@code mustMatch} (if set) and not
	 * {@code mustNotMatch} (if set).
	 * @param name the evaluator name
	 * @param mustMatch a regular expression the answer must contain, or {@code null}
	 * @param mustNotMatch a regular expression the answer must not contain, or
	 * {@code null}
	 * @return the evaluator
	 */
	public static Evaluator regex(String name, String mustMatch, String mustNotMatch) {
		Pattern required = (mustMatch != null && !mustMatch.isEmpty()) ? Pattern.compile(mustMatch) : null;
		Pattern forbidden = (mustNotMatch != null && !mustNotMatch.isEmpty()) ? Pattern.compile(mustNotMatch) : null;
		return of(name, (input) -> {
			String answer = (input.answer() != null) ? input.answer() : "";
			if (required != null && !required.matcher(answer).find()) {
				return EvaluationResult.fail(name, 0.0, "does not match " + required.pattern());
			}
			if (forbidden != null && forbidden.matcher(answer).find()) {
				return EvaluationResult.fail(name, 0.0, "matches forbidden " + forbidden.pattern());
			}
			return EvaluationResult.pass(name, 1.0, null);
		});
	}

	/**
	 * Passes when the answer is valid JSON with the required top-level fields.
	 * @param name the evaluator name
	 * @param requiredFields fields that must be present
	 * @return the evaluator
	 */
	public static Evaluator json(String name, List<String> requiredFields) {
		return of(name, (input) -> {
			JsonNode node;
			try {
				node = json.readTree((input.answer() != null) ? input.answer() : "");
			}
			catch (RuntimeException ex) {
				return EvaluationResult.fail(name, 0.0, "not valid JSON");
			}
			if (node == null || node.isMissingNode()) {
				return EvaluationResult.fail(name, 0.0, "not valid JSON");
			}
			List<String> missing = requiredFields.stream().filter((field) -> !node.has(field)).toList();
			return missing.isEmpty() ? EvaluationResult.pass(name, 1.0, null)
					: EvaluationResult.fail(name, 0.0, "missing fields " + missing);
		});
	}

	private static final Pattern REFUSAL = Pattern
		.compile("(?i)\\b(i\\s*(?:can(?:'|’)?t|cannot|am unable to|'m unable to|"
				+ "won(?:'|’)?t be able to)\\s+(?:help|assist|answer|provide|do that|comply)|i(?:'|’)?m sorry,? but|"
				+ "as an ai(?: language model)?,? i|i must decline|i(?:'|’)?m not able to (?:help|answer|provide))");

	/**
	 * Detects refusals: label {@code refusal} and verdict fail, else label
	 * {@code answered}.
	 * @param name the evaluator name
	 * @return the evaluator
	 */
	public static Evaluator refusal(String name) {
		return of(name, (input) -> {
			boolean refused = input.answer() != null && REFUSAL.matcher(input.answer()).find();
			return refused ? EvaluationResult.fail(name, 0.0, "the answer declines to help").withLabel("refusal")
					: EvaluationResult.pass(name, 1.0, null).withLabel("answered");
		});
	}

	/**
	 * Fails when the answer contains an email, phone number, card number or secret; the
	 * explanation names the kinds, never the values.
	 * @param name the evaluator name
	 * @return the evaluator
	 */
	public static Evaluator piiLeak(String name) {
		Redactor detector = Redactor.of(EnumSet.of(RedactionKind.EMAILS, RedactionKind.PHONES,
				RedactionKind.CREDIT_CARDS, RedactionKind.SECRETS), List.of());
		return of(name, (input) -> {
			Set<String> found = new java.util.TreeSet<>();
			detector.redact((input.answer() != null) ? input.answer() : "", new CaptureListener() {
				@Override
				public void redacted(RedactionKind kind, int count) {
					found.add(kind.configName());
				}
			});
			return found.isEmpty() ? EvaluationResult.pass(name, 1.0, null).withLabel("clean")
					: EvaluationResult.fail(name, 0.0, "the answer contains " + String.join(", ", found))
						.withLabel("leak");
		});
	}

	/**
	 * Lexical groundedness: the share of the answer's content words that appear in the
	 * context documents. Passes at or above the threshold; fails when there is no
	 * context. The words of documents that recur are remembered (see
	 * {@link DocumentWords}).
	 * @param name the evaluator name
	 * @param threshold the passing share, 0 to 1
	 * @return the evaluator
	 */
	public static Evaluator contextOverlap(String name, double threshold) {
		DocumentWords documentWords = new DocumentWords();
		return of(name, (input) -> {
			Set<String> answerWords = ContentWords.of(input.answer());
			if (answerWords.isEmpty()) {
				return EvaluationResult.fail(name, 0.0, "the answer has no content words");
			}
			if (input.context() == null || input.context().isEmpty()) {
				return EvaluationResult.fail(name, 0.0, "no retrieved context to ground the answer in")
					.withLabel("no-context");
			}
			// read the documents only until every answer word has been seen
			Set<String> unseen = new HashSet<>(answerWords);
			for (String document : input.context()) {
				documentWords.removeFrom(unseen, document);
				if (unseen.isEmpty()) {
					break;
				}
			}
			long grounded = answerWords.size() - unseen.size();
			double score = (double) grounded / answerWords.size();
			String explanation = grounded + " of " + answerWords.size() + " content words appear in the context";
			return (score >= threshold) ? EvaluationResult.pass(name, score, explanation).withLabel("grounded")
					: EvaluationResult.fail(name, score, explanation).withLabel("ungrounded");
		});
	}

	/**
	 * Builds evaluators declared in configuration.
	 * @param name the evaluator name
	 * @param type the built-in type
	 * @param settings the type's settings
	 * @return the evaluator
	 */
	public static Evaluator declared(String name, String type, Map<String, String> settings) {
		return switch (type.toLowerCase(Locale.ROOT)) {
			case "non-empty" -> nonEmpty(name);
			case "length" -> length(name, Integer.parseInt(settings.getOrDefault("min-length", "1")),
					Integer.parseInt(settings.getOrDefault("max-length", String.valueOf(Integer.MAX_VALUE))));
			case "regex" -> regex(name, settings.get("must-match"), settings.get("must-not-match"));
			case "json" -> json(name, splitList(settings.get("required-fields")));
			case "refusal" -> refusal(name);
			case "pii-leak" -> piiLeak(name);
			case "context-overlap" ->
				contextOverlap(name, Double.parseDouble(settings.getOrDefault("threshold", "0.5")));
			default -> throw new IllegalArgumentException("Unknown evaluator type '" + type + "' for '" + name
					+ "'; use non-empty, length, regex, json, refusal, pii-leak or context-overlap");
		};
	}

	private static List<String> splitList(String value) {
		List<String> items = new ArrayList<>();
		if (value != null) {
			for (String item : value.split(",")) {
				if (!item.isBlank()) {
					items.add(item.trim());
				}
			}
		}
		return items;
	}

	/**
	 * Whether an evaluator is one of the built-ins (deterministic, bounded, a pure
	 * function of its input), which may run after the span ended without changing its
	 * result.
	 * @param evaluator the evaluator, possibly {@code null}
	 * @return {@code true} for a built-in
	 */
	public static boolean isBuiltIn(Evaluator evaluator) {
		return evaluator instanceof BuiltIn;
	}

	private static Evaluator of(String name, Check check) {
		return new BuiltIn(name, check);
	}

	private record BuiltIn(String name, Check check) implements Evaluator {

		@Override
		public EvaluationResult evaluate(EvaluationInput input) {
			return this.check.evaluate(input);
		}

	}

	@FunctionalInterface
	private interface Check {

		EvaluationResult evaluate(EvaluationInput input);

	}

}
