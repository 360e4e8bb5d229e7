package dev.llmobs.llm;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

	/**
	 * Per class, per list of names (the constant arrays above, by identity): the accessor
	 * of the first name the class has, resolved once.
	 */
	private final ClassValue<Map<String[], Optional<Method>>> accessors = new ClassValue<>() {
		@Override
		protected Map<String[], Optional<Method>> computeValue(Class<?> type) {
			return new ConcurrentHashMap<>();
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
		Map<String[], Optional<Method>> known = this.accessors.get(type);
		Optional<Method> method = known.get(names);
		if (method == null) {
			method = known.computeIfAbsent(names, (key) -> first(type, key));
		}
		if (method.isEmpty()) {
			return null;
		}
		try {
			return unwrap(method.get().invoke(value));
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
