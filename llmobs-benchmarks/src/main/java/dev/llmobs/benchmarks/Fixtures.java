package dev.llmobs.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.annotation.Observed;
import io.micrometer.observation.aop.ObservedAspect;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;

import dev.llmobs.annotation.LlmTask;
import dev.llmobs.aop.CompletionStageReturnValueHandler;
import dev.llmobs.aop.ReturnValueHandlers;
import dev.llmobs.aop.SpanAnnotationAdvisor;
import dev.llmobs.aop.SpanAnnotationPointcut;
import dev.llmobs.aop.SpanDescriptorResolver;
import dev.llmobs.aop.StreamReturnValueHandler;
import dev.llmobs.aop.TracingInvocationProcessor;
import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;
import dev.llmobs.context.ContextStampingSpanProcessor;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.OperationListener;
import dev.llmobs.trace.document.DocumentExtractor;

/**
 * Builds what each benchmark calls: the plain service, proxies advised as the starter
 * advises them (through the same public types), a hand-written OpenTelemetry span and
 * {@code @Observed}.
 */
final class Fixtures {

	private Fixtures() {
	}

	/** A typical small record argument. */
	record Ticket(String question, List<String> tags) {
	}

	/** The traced service. */
	public static class Service {

		@LlmTask
		public String task(Object input) {
			return "answered";
		}

		@Observed(name = "task")
		public String observed(Object input) {
			return "answered";
		}

	}

	static SdkTracerProvider tracerProvider(Sampler sampler) {
		return SdkTracerProvider.builder()
			.setSampler(sampler)
			.addSpanProcessor(new ContextStampingSpanProcessor())
			.addSpanProcessor(BatchSpanProcessor.builder(new DiscardingExporter()).setMaxQueueSize(65536).build())
			.build();
	}

	static Service llmObs(SdkTracerProvider provider, CaptureMode mode, boolean capture) {
		Redactor redactor = Redactor.of(Set.of(RedactionKind.SECRETS, RedactionKind.CREDIT_CARDS), List.of());
		ContentCapture content = new ContentCapture(new CaptureOptions(mode, 4000, redactor), CaptureListener.NONE);
		LlmSpanWriter writer = new LlmSpanWriter(content, content, new DocumentExtractor(List.of(), 20),
				LlmSpanConventions.of(Convention.DEFAULTS), SpanLimits.getDefault().getMaxNumberOfAttributes(), null);
		LlmSpanTracer tracer = new LlmSpanTracer(provider.get("dev.llmobs"), writer, OperationListener.NONE, null);
		TracingInvocationProcessor processor = new TracingInvocationProcessor(
				new SpanDescriptorResolver(LlmSpanConventions.of(Convention.DEFAULTS), capture, capture), tracer,
				new ReturnValueHandlers(
						List.of(new CompletionStageReturnValueHandler(), new StreamReturnValueHandler())));
		ProxyFactory factory = new ProxyFactory(new Service());
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new SpanAnnotationAdvisor(() -> processor, 0));
		return (Service) factory.getProxy();
	}

	static Service noOpProxy() {
		ProxyFactory factory = new ProxyFactory(new Service());
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new DefaultPointcutAdvisor(new SpanAnnotationPointcut(),
				(MethodInterceptor) (invocation) -> invocation.proceed()));
		return (Service) factory.getProxy();
	}

	static Service observed(SdkTracerProvider provider) {
		Tracer otelTracer = provider.get("micrometer");
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(otelTracer, current, (event) -> {
		}, new OtelBaggageManager(current, List.of(), List.of()));
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
		AspectJProxyFactory factory = new AspectJProxyFactory(new Service());
		factory.setProxyTargetClass(true);
		factory.addAspect(new ObservedAspect(registry));
		return factory.getProxy();
	}

	private static final class DiscardingExporter implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
