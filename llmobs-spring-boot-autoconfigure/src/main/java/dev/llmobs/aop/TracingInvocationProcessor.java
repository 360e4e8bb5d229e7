package dev.llmobs.aop;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInvocation;

import java.util.List;

import org.springframework.aop.support.AopUtils;

import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.SpanDescriptor;

/**
 * The default {@link InvocationProcessor}: one span per call, current while the method
 * runs, ended when the work ends (on return, or on completion of an asynchronous result).
 * The method's own exception is rethrown untouched. {@link InvocationContextBinder}s make
 * the span current where the calling thread's scope does not reach (a Kotlin
 * {@code suspend} function after every suspension, bound by the Kotlin support).
 */
public final class TracingInvocationProcessor implements InvocationProcessor {

	private final SpanDescriptorResolver descriptors;

	private final LlmSpanTracer tracer;

	private final ReturnValueHandlers returnValueHandlers;

	private final List<InvocationContextBinder> contextBinders;

	/**
	 * Creates the processor.
	 * @param descriptors resolves methods to span descriptors
	 * @param tracer starts spans
	 * @param returnValueHandlers defer the end of spans for asynchronous results
	 */
	public TracingInvocationProcessor(SpanDescriptorResolver descriptors, LlmSpanTracer tracer,
			ReturnValueHandlers returnValueHandlers) {
		this(descriptors, tracer, returnValueHandlers, List.of());
	}

	/**
	 * Creates the processor.
	 * @param descriptors resolves methods to span descriptors
	 * @param tracer starts spans
	 * @param returnValueHandlers defer the end of spans for asynchronous results
	 * @param contextBinders bind the span's context where the calling thread's scope does
	 * not reach
	 */
	public TracingInvocationProcessor(SpanDescriptorResolver descriptors, LlmSpanTracer tracer,
			ReturnValueHandlers returnValueHandlers, List<InvocationContextBinder> contextBinders) {
		this.descriptors = descriptors;
		this.tracer = tracer;
		this.returnValueHandlers = returnValueHandlers;
		this.contextBinders = List.copyOf(contextBinders);
	}

	@Override
	public Object process(MethodInvocation invocation) throws Throwable {
		SpanCompletion completion = start(invocation);
		if (completion == null) {
			return invocation.proceed();
		}
		Object result;
		Context context = this.tracer.contextFor(completion);
		for (InvocationContextBinder binder : this.contextBinders) {
			bind(binder, invocation, context);
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

	private static void bind(InvocationContextBinder binder, MethodInvocation invocation, Context context) {
		try {
			binder.bind(invocation, context);
		}
		catch (Throwable ex) {
			dev.llmobs.failure.RecordingFailures.record("binding the span's context to an invocation", ex);
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
			dev.llmobs.failure.RecordingFailures.record("the start of a span", ex);
			return null;
		}
	}

}
