package dev.llmobs.export;

import java.util.List;

import io.micrometer.tracing.exporter.SpanReporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;

/**
 * Leaves Spring Boot's span batch processor off the tracer provider when it has nothing
 * to hand spans to: no {@link SpanExporter} bean (no OTLP, Zipkin or other export is
 * configured) and no {@link SpanReporter} bean. Boot builds the processor either way; in
 * that case every span ended was queued, copied whole on the processor's thread and
 * dropped: about 15 µs of that thread's CPU per request of the sample (BENCHMARKS.md,
 * issue 24, sixth pass). The starter's own processors (the recent-trace store, the
 * console summary, the metrics) do not depend on it and see every span as before.
 * <p>
 * Only Boot's own processor is left off (its bean {@value #BOOT_BATCH_PROCESSOR}, defined
 * by Boot's auto-configuration or, in its place, by the starter's); a processor the
 * application defines is kept. Decided once, when Boot gathers the span processors.
 */
public final class IdleSpanExportRemover implements BeanPostProcessor, BeanFactoryAware {

	/** The bean name of Spring Boot's span batch processor. */
	public static final String BOOT_BATCH_PROCESSOR = "otelSpanProcessor";

	private static final String BOOT_TRACING_PACKAGE = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.";

	private static final String STARTER_DEFINITION = "dev.llmobs.autoconfigure.LlmObsSpanExportAutoConfiguration";

	private static final Log logger = LogFactory.getLog(IdleSpanExportRemover.class);

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (!(bean instanceof SpanProcessors processors) || !exportsNowhere()) {
			return bean;
		}
		Object batch = this.beanFactory.getBean(BOOT_BATCH_PROCESSOR);
		List<SpanProcessor> kept = processors.list().stream().filter((processor) -> processor != batch).toList();
		if (kept.size() == processors.list().size()) {
			return bean;
		}
		logger.debug("No span exporter or reporter is configured: Spring Boot's span batch processor is left off"
				+ " the tracer provider");
		return SpanProcessors.of(kept);
	}

	/**
	 * Whether Boot's batch processor is the one in use and would hand spans to nothing.
	 * @return {@code true} when it can be left off
	 */
	boolean exportsNowhere() {
		if (!this.beanFactory.containsBeanDefinition(BOOT_BATCH_PROCESSOR) || !definedByAutoConfiguration()) {
			return false;
		}
		return BeanFactoryUtils.beanNamesForTypeIncludingAncestors(this.beanFactory, SpanExporter.class).length == 0
				&& BeanFactoryUtils.beanNamesForTypeIncludingAncestors(this.beanFactory,
						SpanReporter.class).length == 0;
	}

	private boolean definedByAutoConfiguration() {
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(BOOT_BATCH_PROCESSOR);
		String factory = definition.getFactoryBeanName();
		if (factory == null || !this.beanFactory.containsBeanDefinition(factory)) {
			return false;
		}
		String factoryClass = this.beanFactory.getMergedBeanDefinition(factory).getBeanClassName();
		return factoryClass != null
				&& (factoryClass.startsWith(BOOT_TRACING_PACKAGE) || factoryClass.equals(STARTER_DEFINITION));
	}

}
