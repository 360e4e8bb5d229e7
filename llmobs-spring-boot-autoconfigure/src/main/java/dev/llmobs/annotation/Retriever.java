package dev.llmobs.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a retrieval step: a {@code RETRIEVER} span recording the query (the first
 * argument, or the one marked {@link RetrievalQuery}) and the returned documents,
 * flattened into {@code retrieval.documents.N.document.*}.
 * <p>
 * On a class, applies to every public method of that class. The span is named after
 * {@link #name()}, or {@code ClassSimpleName.method} when empty.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Retriever {

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
