package dev.llmobs.sampling;

import java.util.function.Supplier;

import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts tail sampling in front of every {@link SpanExporter} bean (Boot's OTLP exporter
 * among them). Applied after the export accounting wrapper, so accounting counts what is
 * really sent.
 */
public final class TailSamplingPostProcessor implements BeanPostProcessor {

	private final SamplingRules rules;

	private final TailSamplingSpanExporter.Limits limits;

	private final Supplier<SamplingListener> listener;

	/**
	 * Creates the post-processor.
	 * @param rules the keep rules
	 * @param limits the limits and grace period
	 * @param listener supplies the decision listener, resolved lazily
	 */
	public TailSamplingPostProcessor(SamplingRules rules, TailSamplingSpanExporter.Limits limits,
			Supplier<SamplingListener> listener) {
		this.rules = rules;
		this.limits = limits;
		this.listener = listener;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof SpanExporter exporter && !(bean instanceof TailSamplingSpanExporter)) {
			SamplingListener resolved = this.listener.get();
			return new TailSamplingSpanExporter(exporter, this.rules, this.limits,
					(kept, reason, forced, spans) -> resolved.decided(kept, reason, forced, spans));
		}
		return bean;
	}

}
