package dev.llmobs.aop;

import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;

import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.SpanDescriptor;

/**
 * The default {@link InvocationProcessor}: one span per call, current while the method
 * runs, ended when the work ends (on return, or on completion of an asynchronous result).
 * The method's own exception is rethrown untouched.
 */
public final class TracingInvocationProcessor implements InvocationProcessor {

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
		try (Scope scope = this.tracer.contextFor(completion).makeCurrent()) {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			completion.fail(ex);
			throw ex;
		}
		return this.returnValueHandlers.handle(result, completion);
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
