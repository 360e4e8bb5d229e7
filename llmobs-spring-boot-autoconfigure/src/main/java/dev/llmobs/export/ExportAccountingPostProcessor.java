package dev.llmobs.export;

import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link SpanExporter} bean (Boot's OTLP exporter among them) so exports are
 * counted, leaving its settings untouched.
 */
public final class ExportAccountingPostProcessor implements BeanPostProcessor {

	private final java.util.function.Supplier<ExportStatistics> statistics;

	/**
	 * Creates the post-processor.
	 * @param statistics supplies the statistics, resolved lazily
	 */
	public ExportAccountingPostProcessor(java.util.function.Supplier<ExportStatistics> statistics) {
		this.statistics = statistics;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof SpanExporter exporter && !(bean instanceof AccountingSpanExporter)) {
			return new AccountingSpanExporter(exporter, this.statistics.get());
		}
		return bean;
	}

}
