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

	private static final String[] USAGE = { "usage", "getUsage", "tokenUsage", "getTokenUsage" };

	private static final String[] INPUT = { "promptTokens", "getPromptTokens", "inputTokens", "getInputTokens",
			"inputTokenCount", "getInputTokenCount", "prompt_tokens", "input_tokens" };

	private static final String[] OUTPUT = { "completionTokens", "getCompletionTokens", "outputTokens",
			"getOutputTokens", "outputTokenCount", "getOutputTokenCount", "completion_tokens", "output_tokens" };

	private static final String[] MODEL = { "model", "getModel", "modelName", "getModelName" };

	private static final String[] CHOICES = { "choices", "getChoices" };

	private static final String[] FINISH = { "finishReason", "getFinishReason", "finish_reason" };

	private static final String[] METADATA = { "metadata" };

	private static final String[] TEXT = { "text", "getText", "content", "getContent", "answer", "getAnswer" };

	/** Every list of names above, by its position here. */
	private static final String[][] NAME_LISTS = { USAGE, INPUT, OUTPUT, MODEL, CHOICES, FINISH, METADATA, TEXT };

	/** Marks a list of names none of which the class has. */
	private static final Object NO_ACCESSOR = new Object();

	/**
	 * Per class, per list of names: the accessor of the first name the class has (or
	 * {@link #NO_ACCESSOR}), resolved at first use. A slot per list, found by position:
	 * no hashing on the way to an accessor.
	 */
	private final ClassValue<AtomicReferenceArray<Object>> accessors = new ClassValue<>() {
		@Override
		protected AtomicReferenceArray<Object> computeValue(Class<?> type) {
			return new AtomicReferenceArray<>(NAME_LISTS.length);
		}
	};

	@Override
	public LlmUsage extract(Object response) {
		Object usage = get(response, USAGE);
		if (usage == null) {
			return null;
		}
		Long input = number(get(usage, INPUT));
		Long output = number(get(usage, OUTPUT));
		if (input == null && output == null) {
			return null;
		}
		Object metadata = get(response, METADATA);
		String model = text(get(response, MODEL));
		if (model == null && metadata != null) {
			model = text(get(metadata, MODEL));
		}
		List<String> finishReasons = new ArrayList<>();
		Object choices = get(response, CHOICES);
		if (choices instanceof Collection<?> list) {
			for (Object choice : list) {
				addText(finishReasons, get(choice, FINISH));
			}
		}
		addText(finishReasons, get(response, FINISH));
		if (metadata != null) {
			addText(finishReasons, get(metadata, FINISH));
		}
		Object text = get(response, TEXT);
		return new LlmUsage(input, output, null, model, finishReasons,
				(text instanceof CharSequence chars) ? chars.toString() : null);
	}

	private static void addText(List<String> values, Object value) {
		String text = text(value);
		if (text != null) {
			values.add(text);
		}
	}

	private Object get(Object target, String[] names) {
		Object value = target;
		if (value instanceof Optional<?> optional) {
			value = optional.orElse(null);
		}
		if (value == null) {
			return null;
		}
		if (value instanceof Map<?, ?> map) {
			for (String name : names) {
				if (map.containsKey(name)) {
					return unwrap(map.get(name));
				}
			}
			return null;
		}
		Class<?> type = value.getClass();
		AtomicReferenceArray<Object> known = this.accessors.get(type);
		int list = indexOf(names);
		Object accessor = known.get(list);
		if (accessor == null) {
			accessor = first(type, names).map(Object.class::cast).orElse(NO_ACCESSOR);
			known.set(list, accessor);
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

	private static int indexOf(String[] names) {
		for (int i = 0; i < NAME_LISTS.length; i++) {
			if (NAME_LISTS[i] == names) {
				return i;
			}
		}
		throw new IllegalArgumentException("not a list of accessor names");
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
