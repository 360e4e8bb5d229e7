package dev.llmobs.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a tool the model can call: a {@code TOOL} span with {@code tool.name} and
 * {@code gen_ai.operation.name=execute_tool}.
 * <p>
 * On a class, applies to every public method of that class. The span is named after
 * {@link #name()}, or {@code ClassSimpleName.method} when empty.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface LlmTool {

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
	 * What the tool does, recorded as {@code tool.description} and
	 * {@code gen_ai.tool.description}.
	 * @return the description, or empty
	 */
	String description() default "";

}
