package dev.llmobs.kotlin;

import io.opentelemetry.context.Context;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * Runs the body of an annotated {@code suspend} function with its span's context.
 * <p>
 * Spring AOP (with {@code kotlinx-coroutines-reactor} present) invokes a suspending
 * target as a {@code Mono} whose coroutine takes its context from the call's
 * {@link Continuation}, and the interceptor sees that {@code Mono}, so the span ends when
 * the coroutine completes, fails or is cancelled. Handing the target a continuation whose
 * context carries an {@link LlmObsContextElement} for the span makes the span (and the
 * session) current in the body after every suspension, on every dispatcher. The proxy
 * still resumes the caller through the caller's own continuation.
 */
public final class SuspendingInvocations {

	private SuspendingInvocations() {
	}

	/**
	 * Whether an invocation is of a {@code suspend} function.
	 * @param invocation the invocation
	 * @return {@code true} when the last argument is a continuation
	 */
	public static boolean isSuspending(MethodInvocation invocation) {
		Object[] arguments = invocation.getArguments();
		return arguments.length > 0 && arguments[arguments.length - 1] instanceof Continuation<?>;
	}

	/**
	 * Makes the target of a {@code suspend} call run with the given context.
	 * @param invocation the invocation, of a {@code suspend} function
	 * @param context the span's context
	 * @return {@code true} when the context was bound
	 */
	public static boolean bind(MethodInvocation invocation, Context context) {
		if (!(invocation instanceof ProxyMethodInvocation proxied) || !isSuspending(invocation)) {
			return false;
		}
		Object[] arguments = invocation.getArguments().clone();
		int last = arguments.length - 1;
		Continuation<?> continuation = (Continuation<?>) arguments[last];
		arguments[last] = new ContextContinuation<>(continuation,
				continuation.getContext().plus(new LlmObsContextElement(context)));
		proxied.setArguments(arguments);
		return true;
	}

	/**
	 * The caller's continuation seen with another context.
	 */
	private static final class ContextContinuation<T> implements Continuation<T> {

		private final Continuation<T> delegate;

		private final CoroutineContext context;

		ContextContinuation(Continuation<T> delegate, CoroutineContext context) {
			this.delegate = delegate;
			this.context = context;
		}

		@Override
		public CoroutineContext getContext() {
			return this.context;
		}

		@Override
		public void resumeWith(Object result) {
			this.delegate.resumeWith(result);
		}

	}

}
