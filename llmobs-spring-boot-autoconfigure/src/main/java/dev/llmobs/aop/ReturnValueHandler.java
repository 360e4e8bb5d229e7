package dev.llmobs.aop;

import dev.llmobs.trace.SpanCompletion;

/**
 * Ends a span when the work behind an asynchronous or lazy return value ends, instead of
 * when the method returns. Declare a bean to support another return type.
 */
public interface ReturnValueHandler {

	/**
	 * Whether this handler handles the value.
	 * @param returnValue the non-null value the method returned
	 * @return {@code true} to handle it
	 */
	boolean canHandle(Object returnValue);

	/**
	 * Arranges for {@code completion} to be called when the work ends, and returns the
	 * value the caller gets: the same value, or one that behaves identically.
	 * @param returnValue the value the method returned
	 * @param completion ends the span
	 * @return the value to return to the caller
	 */
	Object handle(Object returnValue, SpanCompletion completion);

}
