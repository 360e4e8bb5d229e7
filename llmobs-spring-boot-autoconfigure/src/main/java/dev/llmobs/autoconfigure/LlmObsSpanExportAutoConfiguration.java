package dev.llmobs.autoconfigure;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.opentelemetry.autoconfigure.ConditionalOnEnabledOpenTelemetry;
import org.springframework.context.annotation.Bean;

import dev.llmobs.export.DirectSpanExport;
import dev.llmobs.export.IdleSpanExportRemover;

/**
 * Spring Boot's span batch processor, built as Boot 4.1 builds it (the same bean name,
 * the same {@code management.opentelemetry.tracing.export.*} settings, the same
 * exporters, predicates, reporters and filters), except that the spans reach the
 * exporters as the SDK made them when no Micrometer predicate, reporter or filter needs
 * them converted (see {@link DirectSpanExport}). Before Boot's, which then backs off; a
 * batch processor of the application's own makes both back off.
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass({ BatchSpanProcessor.class, CompositeSpanExporter.class, SpanExporters.class })
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OpenTelemetryTracingProperties.class)
public final class LlmObsSpanExportAutoConfiguration {

	@Bean(IdleSpanExportRemover.BOOT_BATCH_PROCESSOR)
	@ConditionalOnMissingBean
	@ConditionalOnEnabledOpenTelemetry
	BatchSpanProcessor otelSpanProcessor(OpenTelemetryTracingProperties tracingProperties,
			ObjectProvider<SpanExporters> spanExporters, ObjectProvider<SpanExportingPredicate> spanExportingPredicates,
			ObjectProvider<SpanReporter> spanReporters, ObjectProvider<SpanFilter> spanFilters,
			ObjectProvider<MeterProvider> meterProvider) {
		OpenTelemetryTracingProperties.Export properties = tracingProperties.getExport();
		SpanExporters exporters = spanExporters.getIfAvailable(() -> SpanExporters.of());
		BatchSpanProcessorBuilder builder = BatchSpanProcessor
			.builder(DirectSpanExport.exporter(exporters.list(), spanExportingPredicates.orderedStream().toList(),
					spanReporters.orderedStream().toList(), spanFilters.orderedStream().toList()))
			.setExportUnsampledSpans(properties.isIncludeUnsampled())
			.setExporterTimeout(properties.getTimeout())
			.setMaxExportBatchSize(properties.getMaxBatchSize())
			.setMaxQueueSize(properties.getMaxQueueSize())
			.setScheduleDelay(properties.getScheduleDelay());
		meterProvider.ifAvailable(builder::setMeterProvider);
		return builder.build();
	}

}
