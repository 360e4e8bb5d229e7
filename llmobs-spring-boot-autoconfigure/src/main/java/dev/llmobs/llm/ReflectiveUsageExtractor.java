package dev.llmobs.llm;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reads usage by accessor names, without compile-time dependencies: the official OpenAI
 * Java SDK's {@code ChatCompletion} ({@code usage().promptTokens()/completionTokens()},
 * {@code model()}, {@code choices().finishReason()}), LangChain4j's {@code ChatResponse}
 * ({@code tokenUsage().inputTokenCount()/outputTokenCount()}, {@code modelName()},
 * {@code finishReason()}), and any object or map exposing a {@code usage} with
 * prompt/completion or input/output token counts. Accessors are looked up once per class.
 */
final class ReflectiveUsageExtractor implements UsageExtractor {

	/** What is read from a response, and the accessor names it may have, in order. */
	private enum Property {

		USAGE("usage", "getUsage", "tokenUsage", "getTokenUsage"),

		INPUT("promptTokens", "getPromptTokens", "inputTokens", "getInputTokens", "inputTokenCount",
				"getInputTokenCount", "prompt_tokens", "input_tokens"),

		OUTPUT("completionTokens", "getCompletionTokens", "outputTokens", "getOutputTokens", "outputTokenCount",
				"getOutputTokenCount", "completion_tokens", "output_tokens"),

		MODEL("model", "getModel", "modelName", "getModelName"),

		CHOICES("choices", "getChoices"),

		FINISH("finishReason", "getFinishReason", "finish_reason"),

		METADATA("metadata"),

		TEXT("text", "getText", "content", "getContent", "answer", "getAnswer");

		private final String[] names;

		Property(String... names) {
			this.names = names;
		}

	}

	/** Marks a list of names none of which the class has. */
	private static final Object NO_ACCESSOR = new Object();

	/**
	 * Per class, per property: the accessor of the first of its names the class has (or
	 * {@link #NO_ACCESSOR}), resolved at first use, in the property's slot.
	 */
	private final ClassValue<AtomicReferenceArray<Object>> accessors = new ClassValue<>() {
		@Override
		protected AtomicReferenceArray<Object> computeValue(Class<?> type) {
			return new AtomicReferenceArray<>(Property.values().length);
		}
	};

	@Override
	public LlmUsage extract(Object response) {
		Object usage = get(response, Property.USAGE);
		if (usage == null) {
			return null;
		}
		Long input = number(get(usage, Property.INPUT));
		Long output = number(get(usage, Property.OUTPUT));
		if (input == null && output == null) {
			return null;
		}
		Object metadata = get(response, Property.METADATA);
		String model = text(get(response, Property.MODEL));
		if (model == null && metadata != null) {
			model = text(get(metadata, Property.MODEL));
		}
		List<String> finishReasons = new ArrayList<>();
		Object choices = get(response, Property.CHOICES);
		if (choices instanceof Collection<?> list) {
			for (Object choice : list) {
				addText(finishReasons, get(choice, Property.FINISH));
			}
		}
		addText(finishReasons, get(response, Property.FINISH));
		if (metadata != null) {
			addText(finishReasons, get(metadata, Property.FINISH));
		}
		Object text = get(response, Property.TEXT);
		return new LlmUsage(input, output, null, model, finishReasons,
				(text instanceof CharSequence chars) ? chars.toString() : null);
	}

	private static void addText(List<String> values, Object value) {
		String text = text(value);
		if (text != null) {
			values.add(text);
		}
	}

	private Object get(Object target, Property property) {
		Object value = target;
		if (value instanceof Optional<?> optional) {
			value = optional.orElse(null);
		}
		if (value == null) {
			return null;
		}
		if (value instanceof Map<?, ?> map) {
			for (String name : property.names) {
				if (map.containsKey(name)) {
					return unwrap(map.get(name));
				}
			}
			return null;
		}
		Class<?> type = value.getClass();
		AtomicReferenceArray<Object> known = this.accessors.get(type);
		Object accessor = known.get(property.ordinal());
		if (accessor == null) {
			accessor = first(type, property.names).map(Object.class::cast).orElse(NO_ACCESSOR);
			known.set(property.ordinal(), accessor);
		}
		if (!(accessor instanceof Method method)) {
			return null;
		}
		try {
			return unwrap(method.invoke(value));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static Optional<Method> first(Class<?> type, String[] names) {
		for (String name : names) {
			Optional<Method> method = find(type, name);
			if (method.isPresent()) {
				return method;
			}
		}
		return Optional.empty();
	}

	private static Object unwrap(Object value) {
		return (value instanceof Optional<?> optional) ? optional.orElse(null) : value;
	}

	private static Optional<Method> find(Class<?> type, String name) {
		try {
			Method method = type.getMethod(name);
			method.trySetAccessible();
			return (method.getParameterCount() == 0) ? Optional.of(method) : Optional.empty();
		}
		catch (NoSuchMethodException | SecurityException ex) {
			return Optional.empty();
		}
	}

	private static Long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : null;
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		String text = (value instanceof Enum<?> constant) ? constant.name() : value.toString();
		// OpenAI SDK enums print as their JSON value; keep it short and lower-case like
		// the API
		return text.isEmpty() ? null : text;
	}

}
