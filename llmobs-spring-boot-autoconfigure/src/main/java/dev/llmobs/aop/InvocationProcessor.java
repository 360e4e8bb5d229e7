package dev.llmobs.aop;

import org.aopalliance.intercept.MethodInvocation;

/**
 * Does the work around an instrumented method call. Declare a bean of this type to
 * replace the default tracing behaviour.
 */
@FunctionalInterface
public interface InvocationProcessor {

	/**
	 * Proceeds with the invocation, recording what it observes.
	 * @param invocation the intercepted invocation
	 * @return the invocation's result, unchanged in meaning (an asynchronous result may
	 * be decorated so its completion is observed)
	 * @throws Throwable exactly what the invocation threw
	 */
	Object process(MethodInvocation invocation) throws Throwable;

}
