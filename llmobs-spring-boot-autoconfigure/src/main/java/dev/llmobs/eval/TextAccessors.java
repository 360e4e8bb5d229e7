package dev.llmobs.eval;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a value that is not text itself: its {@code answer}, {@code text} or
 * {@code content} property (record accessor or getter), the first that returns text. The
 * accessors a class has are looked up once per class, not on every evaluated call.
 */
final class TextAccessors {

	private static final String[] NAMES = { "answer", "text", "content", "getAnswer", "getText", "getContent" };

	private static final ClassValue<List<Method>> ACCESSORS = new ClassValue<>() {
		@Override
		protected List<Method> computeValue(Class<?> type) {
			return accessorsOf(type);
		}
	};

	private TextAccessors() {
	}

	/**
	 * The text the first of the value's accessors returns.
	 * @param value the value, not {@code null}
	 * @return the text, or {@code null} when no accessor returns text
	 */
	static String textOf(Object value) {
		for (Method accessor : ACCESSORS.get(value.getClass())) {
			try {
				if (accessor.invoke(value) instanceof CharSequence chars) {
					return chars.toString();
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// try the next accessor
			}
		}
		return null;
	}

	private static List<Method> accessorsOf(Class<?> type) {
		List<Method> accessors = new ArrayList<>();
		for (String name : NAMES) {
			try {
				Method accessor = type.getMethod(name);
				// a public accessor is invoked even where it cannot be made accessible,
				// as
				// before the lookup was cached; one that cannot be invoked is skipped
				// then
				accessor.trySetAccessible();
				accessors.add(accessor);
			}
			catch (NoSuchMethodException | RuntimeException ex) {
				// the class has no such accessor
			}
		}
		return List.copyOf(accessors);
	}

}
