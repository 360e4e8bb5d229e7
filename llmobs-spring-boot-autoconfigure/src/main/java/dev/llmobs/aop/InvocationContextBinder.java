package dev.llmobs.aop;

import io.opentelemetry.context.Context;
import org.aopalliance.intercept.MethodInvocation;

/**
 * Makes the body of a traced method run with its span's context where the scope the
 * interceptor opens on the calling thread does not reach: a Kotlin {@code suspend}
 * function resumes on other threads after each suspension. Called before the method runs;
 * a binder that does not apply to the invocation does nothing. Declare a bean to bind the
 * context for another kind of invocation.
 */
@FunctionalInterface
public interface InvocationContextBinder {

	/**
	 * Binds the span's context to the invocation, when this binder applies to it.
	 * @param invocation the invocation about to proceed
	 * @param context the context holding the method's span
	 */
	void bind(MethodInvocation invocation, Context context);

}
