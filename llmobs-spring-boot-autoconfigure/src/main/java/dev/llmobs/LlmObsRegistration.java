package dev.llmobs;

import java.util.function.Supplier;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers one application context's {@link LlmObservability} behind the static
 * {@link LlmObs} once the context's singletons exist, and removes it when the context
 * closes (the static calls then go to another context still alive, if any). As a span
 * processor of the context's tracer provider it also notes which context started each
 * span while several contexts are alive (a test suite with cached contexts), so that a
 * static call made inside a span records into the context that span belongs to.
 */
public final class LlmObsRegistration implements SmartInitializingSingleton, DisposableBean, SpanProcessor {

	private final Supplier<LlmObservability> instance;

	private volatile LlmObservability registered;

	/**
	 * Creates the registration.
	 * @param instance supplies the context's instance once its singletons exist (may
	 * supply {@code null})
	 */
	public LlmObsRegistration(Supplier<LlmObservability> instance) {
		this.instance = instance;
	}

	@Override
	public void afterSingletonsInstantiated() {
		LlmObservability resolved = this.instance.get();
		if (resolved != null && this.registered == null) {
			this.registered = resolved;
			LlmObsInstances.register(resolved);
		}
	}

	@Override
	public void destroy() {
		LlmObservability previous = this.registered;
		this.registered = null;
		if (previous != null) {
			LlmObsInstances.unregister(previous);
		}
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		LlmObservability owner = this.registered;
		if (owner != null && LlmObsInstances.shared()) {
			LlmObsInstances.started(span.getSpanContext(), owner);
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		LlmObsInstances.ended(span.getSpanContext());
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

}
