package dev.llmobs.export;

import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps every {@link SpanExporter} bean (Boot's OTLP exporter among them) so exports are
 * counted, leaving its settings untouched.
 */
public final class ExportAccountingPostProcessor implements BeanPostProcessor, Ordered {

	private final java.util.function.Supplier<ExportStatistics> statistics;

	/**
	 * Creates the post-processor.
	 * @param statistics supplies the statistics, resolved lazily
	 */
	public ExportAccountingPostProcessor(java.util.function.Supplier<ExportStatistics> statistics) {
		this.statistics = statistics;
	}

	/**
	 * Ordered, so it wraps before unordered post-processors (tail sampling) wrap around
	 * it: accounting then counts what is really sent.
	 * @return the order
	 */
	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof SpanExporter exporter && !(bean instanceof AccountingSpanExporter)) {
			return new AccountingSpanExporter(exporter, this.statistics.get());
		}
		return bean;
	}

}
