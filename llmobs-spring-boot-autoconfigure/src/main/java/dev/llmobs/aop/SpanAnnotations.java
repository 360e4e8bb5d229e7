package dev.llmobs.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.llmobs.annotation.Embedding;
import dev.llmobs.annotation.Evaluated;
import dev.llmobs.annotation.LlmAgent;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.annotation.LlmTool;
import dev.llmobs.annotation.Retriever;

/**
 * Finds the span annotation that applies to a method: one on the method itself (or the
 * method it implements or overrides) wins over one on its class, which applies to public
 * methods only.
 */
public final class SpanAnnotations {

	/** The annotations that open a span, in precedence order. */
	public static final List<Class<? extends Annotation>> TYPES = List.of(LlmChain.class, LlmAgent.class, LlmTask.class,
			Retriever.class, LlmCall.class, LlmTool.class, Embedding.class);

	private SpanAnnotations() {
	}

	/**
	 * Finds the annotation that applies to the given method.
	 * @param method the most specific method on the target class
	 * @param targetClass the target class
	 * @return the annotation, or {@code null} when the method is not instrumented
	 */
	public static Annotation find(Method method, Class<?> targetClass) {
		for (Class<? extends Annotation> type : TYPES) {
			Annotation annotation = AnnotatedElementUtils.findMergedAnnotation(method, type);
			if (annotation != null) {
				return annotation;
			}
		}
		Annotation evaluated = AnnotatedElementUtils.findMergedAnnotation(method, Evaluated.class);
		if (evaluated != null) {
			return evaluated;
		}
		if (!Modifier.isPublic(method.getModifiers()) || method.getDeclaringClass() == Object.class
				|| Modifier.isStatic(method.getModifiers())) {
			return null;
		}
		for (Class<? extends Annotation> type : TYPES) {
			Annotation annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, type);
			if (annotation != null) {
				return annotation;
			}
		}
		return null;
	}

	/**
	 * Whether the method carries a span annotation itself.
	 * @param method the method
	 * @return {@code true} when annotated
	 */
	public static boolean isAnnotated(Method method) {
		for (Class<? extends Annotation> type : TYPES) {
			if (AnnotatedElementUtils.hasAnnotation(method, type)) {
				return true;
			}
		}
		return AnnotatedElementUtils.hasAnnotation(method, Evaluated.class);
	}

	/**
	 * Whether the class carries a span annotation.
	 * @param type the class
	 * @return {@code true} when annotated
	 */
	public static boolean isAnnotated(Class<?> type) {
		for (Class<? extends Annotation> annotation : TYPES) {
			if (AnnotatedElementUtils.hasAnnotation(type, annotation)) {
				return true;
			}
		}
		return false;
	}

}
