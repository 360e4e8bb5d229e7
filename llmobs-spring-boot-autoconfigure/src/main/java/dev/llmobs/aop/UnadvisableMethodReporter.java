package dev.llmobs.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds annotated methods a Spring AOP proxy cannot advise (private, static or final
 * methods, and methods of final classes) and names them all in one warning once the
 * context has started. Self-invocation ({@code this.method()}) cannot be seen statically
 * and is documented instead.
 */
public final class UnadvisableMethodReporter implements BeanPostProcessor, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(UnadvisableMethodReporter.class);

	private final Set<Class<?>> inspected = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final Set<String> unadvisable = new TreeSet<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = ClassUtils.getUserClass(bean);
		if (!type.getName().startsWith("org.springframework.") && this.inspected.add(type)) {
			inspect(type);
		}
		return bean;
	}

	void inspect(Class<?> type) {
		boolean finalClass = Modifier.isFinal(type.getModifiers());
		boolean annotatedClass = SpanAnnotations.isAnnotated(type);
		ReflectionUtils.doWithMethods(type, (method) -> {
			String reason = reason(method, finalClass, annotatedClass);
			if (reason != null) {
				synchronized (this.unadvisable) {
					this.unadvisable.add(type.getName() + "." + method.getName() + " (" + reason + ")");
				}
			}
		}, (method) -> method.getDeclaringClass() != Object.class && !isSuspendImpl(method));
	}

	/**
	 * Kotlin compiles an open {@code suspend fun} into the advisable method and a static
	 * {@code name$suspendImpl} holding its body, with the same annotations; only the
	 * first is called through the proxy.
	 */
	private static boolean isSuspendImpl(Method method) {
		return Modifier.isStatic(method.getModifiers()) && method.getName().endsWith("$suspendImpl");
	}

	private static String reason(Method method, boolean finalClass, boolean annotatedClass) {
		if (!SpanAnnotations.isAnnotated(method)) {
			return (annotatedClass && finalClass && Modifier.isPublic(method.getModifiers())
					&& !Modifier.isStatic(method.getModifiers())) ? "final class" : null;
		}
		int modifiers = method.getModifiers();
		if (Modifier.isPrivate(modifiers)) {
			return "private method";
		}
		if (Modifier.isStatic(modifiers)) {
			return "static method";
		}
		if (Modifier.isFinal(modifiers)) {
			return "final method";
		}
		return finalClass ? "final class" : null;
	}

	/**
	 * The methods found so far that cannot be advised, with the reason.
	 * @return descriptions such as {@code com.example.Bot.answer (private method)}
	 */
	public Set<String> unadvisableMethods() {
		synchronized (this.unadvisable) {
			return Set.copyOf(this.unadvisable);
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<String> methods = unadvisableMethods();
		if (!methods.isEmpty()) {
			logger.warn("llmobs cannot trace these annotated methods, because a Spring proxy cannot intercept "
					+ "them (make them public, non-final, non-static, in a non-final class, and call them "
					+ "through the bean, not via this): " + String.join(", ", new TreeSet<>(methods)));
		}
	}

}
