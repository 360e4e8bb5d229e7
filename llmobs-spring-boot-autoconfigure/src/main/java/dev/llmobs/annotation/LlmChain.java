package dev.llmobs.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a workflow or pipeline, usually the top of a request: a {@code CHAIN} span with
 * {@code gen_ai.operation.name=invoke_workflow} and {@code gen_ai.workflow.name}.
 * <p>
 * On a class, applies to every public method of that class. The span is named after
 * {@link #name()}, or {@code ClassSimpleName.method} when empty.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface LlmChain {

	/**
	 * Span name; defaults to {@code ClassSimpleName.method}.
	 * @return the span name, or empty for the default
	 */
	String name() default "";

	/**
	 * Whether the arguments are recorded as {@code input.value}.
	 * @return the input capture override
	 */
	Capture captureInput() default Capture.INHERIT;

	/**
	 * Whether the return value is recorded as {@code output.value}.
	 * @return the output capture override
	 */
	Capture captureOutput() default Capture.INHERIT;

}
