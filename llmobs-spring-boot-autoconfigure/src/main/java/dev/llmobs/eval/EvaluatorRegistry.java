package dev.llmobs.eval;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluators {@code @Evaluated} can name: the built-ins, then the ones declared in
 * configuration, then the application's own {@link Evaluator} beans, a later one winning
 * over an earlier one of the same name; and the names switched off.
 */
public final class EvaluatorRegistry {

	/** The name of the built-in LLM judge. */
	public static final String LLM_JUDGE = "llm-judge";

	/** What the judge checks when a declared judge gives no rubric. */
	public static final String DEFAULT_RUBRIC = "The answer is correct, helpful, answers the question asked, "
			+ "and is supported by the context.";

	private final Map<String, Evaluator> evaluators;

	private final Set<String> disabled;

	private EvaluatorRegistry(Map<String, Evaluator> evaluators, Set<String> disabled) {
		this.evaluators = Collections.unmodifiableMap(evaluators);
		this.disabled = Collections.unmodifiableSet(disabled);
	}

	/**
	 * Builds the registry.
	 * @param declared the evaluators declared in configuration
	 * @param applicationEvaluators the application's own evaluators
	 * @param judge the model judging for {@code llm-judge} evaluators
	 * @return the registry
	 * @throws InvalidEvaluatorDefinitionException when a declared evaluator has no type
	 * and its name is not one
	 */
	public static EvaluatorRegistry of(Collection<EvaluatorDefinition> declared,
			List<? extends Evaluator> applicationEvaluators, JudgeClient judge) {
		Map<String, Evaluator> evaluators = new LinkedHashMap<>();
		BuiltInEvaluators.defaults().forEach((evaluator) -> evaluators.put(evaluator.name(), evaluator));
		evaluators.put(LLM_JUDGE, new LlmJudgeEvaluator(LLM_JUDGE, judge, DEFAULT_RUBRIC, 0.7, 1));
		Set<String> disabled = new LinkedHashSet<>();
		for (EvaluatorDefinition definition : declared) {
			if (!definition.enabled()) {
				disabled.add(definition.name());
				continue;
			}
			evaluators.put(definition.name(), build(definition, judge));
		}
		applicationEvaluators.forEach((evaluator) -> evaluators.put(evaluator.name(), evaluator));
		return new EvaluatorRegistry(evaluators, disabled);
	}

	private static Evaluator build(EvaluatorDefinition definition, JudgeClient judge) {
		EvaluatorType type = definition.effectiveType();
		if (type == null) {
			throw new InvalidEvaluatorDefinitionException(definition.name());
		}
		String name = definition.name();
		return switch (type) {
			case NON_EMPTY -> BuiltInEvaluators.nonEmpty(name);
			case LENGTH -> BuiltInEvaluators.length(name, orDefault(definition.minLength(), 1),
					orDefault(definition.maxLength(), Integer.MAX_VALUE));
			case REGEX -> BuiltInEvaluators.regex(name, definition.mustMatch(), definition.mustNotMatch());
			case JSON -> BuiltInEvaluators.json(name,
					(definition.requiredFields() != null) ? definition.requiredFields() : List.of());
			case REFUSAL -> BuiltInEvaluators.refusal(name);
			case PII_LEAK -> BuiltInEvaluators.piiLeak(name);
			case CONTEXT_OVERLAP -> BuiltInEvaluators.contextOverlap(name, orDefault(definition.threshold(), 0.5));
			case LLM_JUDGE ->
				new LlmJudgeEvaluator(name, judge, (definition.rubric() != null) ? definition.rubric() : DEFAULT_RUBRIC,
						orDefault(definition.threshold(), 0.7), orDefault(definition.scale(), 1.0));
		};
	}

	private static <T> T orDefault(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * The evaluators by name.
	 * @return the evaluators
	 */
	public Map<String, Evaluator> evaluators() {
		return this.evaluators;
	}

	/**
	 * The names switched off in configuration.
	 * @return the names
	 */
	public Set<String> disabled() {
		return this.disabled;
	}

}
