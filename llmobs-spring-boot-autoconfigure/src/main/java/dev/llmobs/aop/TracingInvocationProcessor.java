package dev.llmobs.aop;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;

import dev.llmobs.kotlin.SuspendingInvocations;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.SpanDescriptor;

/**
 * The default {@link InvocationProcessor}: one span per call, current while the method
 * runs, ended when the work ends (on return, or on completion of an asynchronous result).
 * The method's own exception is rethrown untouched. A Kotlin {@code suspend} function
 * (Spring AOP hands its result over as a {@code Mono} when
 * {@code kotlinx-coroutines-reactor} is present) runs with the span current after every
 * suspension, and its span ends when the coroutine completes.
 */
public final class TracingInvocationProcessor implements InvocationProcessor {

	/** The condition under which Spring AOP adapts {@code suspend} functions to Mono. */
	private static final boolean coroutinesPresent = ClassUtils.isPresent("kotlinx.coroutines.reactor.MonoKt",
			TracingInvocationProcessor.class.getClassLoader());

	private final SpanDescriptorResolver descriptors;

	private final LlmSpanTracer tracer;

	private final ReturnValueHandlers returnValueHandlers;

	/**
	 * Creates the processor.
	 * @param descriptors resolves methods to span descriptors
	 * @param tracer starts spans
	 * @param returnValueHandlers defer the end of spans for asynchronous results
	 */
	public TracingInvocationProcessor(SpanDescriptorResolver descriptors, LlmSpanTracer tracer,
			ReturnValueHandlers returnValueHandlers) {
		this.descriptors = descriptors;
		this.tracer = tracer;
		this.returnValueHandlers = returnValueHandlers;
	}

	@Override
	public Object process(MethodInvocation invocation) throws Throwable {
		SpanCompletion completion = start(invocation);
		if (completion == null) {
			return invocation.proceed();
		}
		Object result;
		Context context = this.tracer.contextFor(completion);
		if (coroutinesPresent) {
			bindSuspending(invocation, context);
		}
		try (Scope scope = context.makeCurrent()) {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			completion.fail(ex);
			throw ex;
		}
		return this.returnValueHandlers.handle(result, completion);
	}

	private static void bindSuspending(MethodInvocation invocation, Context context) {
		try {
			SuspendingInvocations.bind(invocation, context);
		}
		catch (Throwable ex) {
			dev.llmobs.trace.RecordingFailures.record("the context of a suspend function", ex);
		}
	}

	private SpanCompletion start(MethodInvocation invocation) {
		try {
			Object target = invocation.getThis();
			Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target)
					: invocation.getMethod().getDeclaringClass();
			SpanDescriptor descriptor = this.descriptors.resolve(invocation.getMethod(), targetClass);
			return (descriptor != null) ? this.tracer.start(descriptor, invocation.getArguments()) : null;
		}
		catch (Throwable ex) {
			dev.llmobs.trace.RecordingFailures.record("the start of a span", ex);
			return null;
		}
	}

}
