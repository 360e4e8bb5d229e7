package dev.llmobs.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an agent loop: an {@code AGENT} span with
 * {@code gen_ai.operation.name=invoke_agent}, {@code gen_ai.agent.name} and, when
 * {@link #id()} is set, {@code gen_ai.agent.id}.
 * <p>
 * On a class, applies to every public method of that class. The span is named after
 * {@link #name()}, or {@code ClassSimpleName.method} when empty.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface LlmAgent {

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

	/**
	 * The agent's stable identifier, written as {@code gen_ai.agent.id}.
	 * @return the id, or empty for none
	 */
	String id() default "";

}
