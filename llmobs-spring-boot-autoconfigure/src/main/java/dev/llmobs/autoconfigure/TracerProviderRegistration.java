package dev.llmobs.autoconfigure;

import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.llmobs.LlmObs;

/**
 * Hands the application's tracer provider to {@link LlmObs#flush()} for the lifetime of
 * the context.
 */
class TracerProviderRegistration implements SmartInitializingSingleton, DisposableBean {

	private final ObjectProvider<SdkTracerProvider> tracerProvider;

	TracerProviderRegistration(ObjectProvider<SdkTracerProvider> tracerProvider) {
		this.tracerProvider = tracerProvider;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.tracerProvider.ifAvailable(LlmObs::useTracerProvider);
	}

	@Override
	public void destroy() {
		LlmObs.useTracerProvider(null);
	}

}
