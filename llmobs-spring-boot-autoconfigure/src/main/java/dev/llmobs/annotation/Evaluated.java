package dev.llmobs.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the named evaluators on the method's input and output, and records their scores on
 * its span. On a method without a span annotation it also opens a {@code CHAIN} span.
 * <pre class="code">
 * &#64;LlmChain
 * &#64;Evaluated({ "non-empty", "context-overlap", "pii-leak" })
 * public String answer(String question) { ... }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Evaluated {

	/**
	 * Names of the evaluators to run (built-in, declared in configuration, or beans).
	 * @return the evaluator names
	 */
	String[] value();

	/**
	 * Share of calls evaluated, multiplied with {@code llmobs.evaluation.sample-rate}.
	 * @return the rate, 0 to 1
	 */
	double sampleRate() default 1.0;

	/**
	 * Whether evaluators run on a bounded background executor (results go on a linked
	 * {@code EVALUATOR} span) instead of before the method returns.
	 * @return {@code true} for asynchronous evaluation
	 */
	boolean async() default false;

	/**
	 * Name of the parameter holding the question; the first parameter when empty.
	 * @return the parameter name
	 */
	String question() default "";

	/**
	 * Name of the parameter holding the context documents; when empty, the documents the
	 * trace's retrievers returned.
	 * @return the parameter name
	 */
	String context() default "";

}
