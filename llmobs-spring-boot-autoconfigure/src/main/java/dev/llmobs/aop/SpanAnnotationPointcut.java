package dev.llmobs.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Matches methods that carry a span annotation, and public methods of classes that carry
 * one. Matching is static (decided once per method when the proxy is built), which costs
 * a fraction of a dynamic {@code @annotation(..)} pointcut on every call. Final classes
 * are never matched, so instrumentation can never make a bean fail to proxy.
 */
public final class SpanAnnotationPointcut extends StaticMethodMatcherPointcut {

	/**
	 * Creates the pointcut.
	 */
	public SpanAnnotationPointcut() {
		setClassFilter(SpanAnnotationPointcut::isProxyable);
	}

	private static boolean isProxyable(Class<?> type) {
		return !Modifier.isFinal(type.getModifiers());
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		return SpanAnnotations.find(specific, targetClass) != null;
	}

	@Override
	public ClassFilter getClassFilter() {
		return SpanAnnotationPointcut::isProxyable;
	}

}
