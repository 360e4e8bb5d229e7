package dev.llmobs.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receivers of the running {@link OtlpReceiverTest} classes, shared by the JUnit
 * extension and the Spring context customizer, whichever of them asks first.
 */
final class OtlpReceivers {

	private static final Map<Class<?>, OtlpTestReceiver> running = new ConcurrentHashMap<>();

	private OtlpReceivers() {
	}

	/**
	 * The class whose {@link OtlpReceiverTest} applies to a test class: the class itself
	 * or, for a {@code @Nested} class, the nearest enclosing class that is annotated.
	 * @param testClass the test class
	 * @return the annotated class, or {@code null} when none is
	 */
	static Class<?> ownerOf(Class<?> testClass) {
		for (Class<?> candidate = testClass; candidate != null; candidate = candidate.getEnclosingClass()) {
			if (candidate.isAnnotationPresent(OtlpReceiverTest.class)) {
				return candidate;
			}
		}
		return null;
	}

	static OtlpTestReceiver obtain(Class<?> owner) {
		OtlpReceiverTest settings = owner.getAnnotation(OtlpReceiverTest.class);
		return running.computeIfAbsent(owner, (key) -> OtlpTestReceiver.start(settings.basePath()));
	}

	static void stop(Class<?> owner) {
		OtlpTestReceiver receiver = running.remove(owner);
		if (receiver != null) {
			receiver.close();
		}
	}

}
