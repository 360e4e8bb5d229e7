package dev.llmobs.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

import dev.llmobs.eval.EvaluatorType;
import dev.llmobs.eval.InvalidEvaluatorDefinitionException;

/**
 * Explains an invalid {@code llmobs.*} setting at startup: the property, the value and
 * the values allowed, in the names users write ({@code credit-cards}, not
 * {@code CREDIT_CARDS}). Registered in {@code META-INF/spring.factories}; ahead of Boot's
 * own bind failure analyzer, which lists no allowed values for a set of enums.
 */
public final class LlmObsSettingsFailureAnalyzer implements FailureAnalyzer, Ordered {

	private static final String PREFIX = "llmobs.";

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidEvaluatorDefinitionException invalid) {
				return evaluatorWithoutType(invalid);
			}
			if (cause instanceof BindException bind && bind.getName().toString().startsWith(PREFIX)) {
				Class<?> enumType = enumType(bind.getTarget().getType());
				if (enumType != null) {
					return invalidValue(bind, enumType);
				}
			}
		}
		return null;
	}

	private static FailureAnalysis evaluatorWithoutType(InvalidEvaluatorDefinitionException invalid) {
		String property = "llmobs.evaluation.evaluators." + invalid.evaluatorName() + ".type";
		return new FailureAnalysis(
				"The evaluator '" + invalid.evaluatorName() + "' declared under 'llmobs.evaluation.evaluators."
						+ invalid.evaluatorName() + "' has no '" + property + "', and its name is not a built-in type.",
				"Set '" + property + "' to one of: " + allowed(EvaluatorType.class) + ".", invalid);
	}

	private static FailureAnalysis invalidValue(BindException bind, Class<?> enumType) {
		ConfigurationProperty property = bind.getProperty();
		String value = (property != null) ? String.valueOf(property.getValue()) : "(unknown)";
		String origin = (property != null && property.getOrigin() != null) ? " (from " + property.getOrigin() + ")"
				: "";
		return new FailureAnalysis(
				"Invalid value '" + value + "' for the property '" + bind.getName() + "'" + origin + ".",
				"Set '" + bind.getName() + "' to " + (isMultiValued(bind.getTarget().getType()) ? "any of" : "one of")
						+ ": " + allowed(enumType) + ".",
				bind);
	}

	private static Class<?> enumType(ResolvableType type) {
		ResolvableType element = isMultiValued(type) ? type.asCollection().getGeneric(0) : type;
		Class<?> resolved = element.resolve();
		return (resolved != null && resolved.isEnum()) ? resolved : null;
	}

	private static boolean isMultiValued(ResolvableType type) {
		return type.asCollection() != ResolvableType.NONE;
	}

	private static String allowed(Class<?> enumType) {
		return Arrays.stream(enumType.getEnumConstants())
			.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.collect(Collectors.joining(", "));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
