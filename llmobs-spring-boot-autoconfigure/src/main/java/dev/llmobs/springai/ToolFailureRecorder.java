package dev.llmobs.springai;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

import dev.llmobs.failure.RecordingFailures;

/**
 * Advises a {@code ToolExecutionExceptionProcessor}: when Spring AI hands it a tool's
 * exception, notes the failure in the tool observation in progress, then lets the
 * processor decide exactly as before (return a message for the model, or rethrow). The
 * processor's result and exceptions pass through untouched.
 */
public final class ToolFailureRecorder implements MethodInterceptor {

	private final Supplier<ObservationRegistry> registry;

	/**
	 * Creates the recorder.
	 * @param registry the observation registry Spring AI's tool calling manager uses,
	 * looked up on first use
	 */
	public ToolFailureRecorder(Supplier<ObservationRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		if (arguments.length == 1 && arguments[0] instanceof ToolExecutionException failure
				&& "process".equals(invocation.getMethod().getName())) {
			note(failure);
		}
		return invocation.proceed();
	}

	private void note(ToolExecutionException failure) {
		try {
			ObservationRegistry observations = this.registry.get();
			Observation current = (observations != null) ? observations.getCurrentObservation() : null;
			if (current != null && current.getContext() instanceof ToolCallingObservationContext tool) {
				tool.put(ToolFailure.class,
						new ToolFailure((failure.getCause() != null) ? failure.getCause() : failure));
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("a Spring AI tool failure", ex);
		}
	}

}
