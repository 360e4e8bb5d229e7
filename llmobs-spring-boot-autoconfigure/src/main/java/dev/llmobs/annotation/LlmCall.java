package dev.llmobs.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a model call made with any client: an {@code LLM} span recording model, provider,
 * messages, token usage and cost.
 * <p>
 * On a class, applies to every public method of that class. The span is named after
 * {@link #name()}, or {@code ClassSimpleName.method} when empty.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface LlmCall {

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
	 * Provider, such as {@code openai}, {@code anthropic} or {@code gcp.gemini}; recorded
	 * as {@code llm.provider} and {@code gen_ai.provider.name}.
	 * @return the provider, or empty when unknown
	 */
	String provider() default "";

	/**
	 * Requested model, recorded as {@code llm.model_name} and
	 * {@code gen_ai.request.model}.
	 * @return the model, or empty when unknown
	 */
	String model() default "";

	/**
	 * The {@code gen_ai.operation.name}, such as {@code chat}, {@code text_completion} or
	 * {@code generate_content}.
	 * @return the operation name
	 */
	String operation() default "chat";

}
