package dev.llmobs.kotlin;

import io.opentelemetry.context.Context;
import org.aopalliance.intercept.MethodInvocation;

import dev.llmobs.aop.InvocationContextBinder;

/**
 * Binds a span's context to a Kotlin {@code suspend} function's body (see
 * {@link SuspendingInvocations}); other invocations are left alone. Applies when Spring
 * AOP adapts {@code suspend} functions to {@code Mono}, that is with
 * {@code kotlinx-coroutines-reactor} present.
 */
public final class SuspendingContextBinder implements InvocationContextBinder {

	@Override
	public void bind(MethodInvocation invocation, Context context) {
		SuspendingInvocations.bind(invocation, context);
	}

}
