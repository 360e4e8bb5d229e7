package dev.llmobs.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.llmobs.export.IdleSpanExportRemover;

import static org.assertj.core.api.Assertions.assertThat;

class LlmObsSpanExportAutoConfigurationTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, LlmObsExportAutoConfiguration.class,
				LlmObsSpanExportAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0");

	@Test
	void shouldSupplyBootsBatchProcessorInItsPlace() {
		this.runner.withBean(SpanExporter.class, () -> this.exporter).run((context) -> {
			assertThat(context).hasSingleBean(BatchSpanProcessor.class);
			assertThat(context.getBeanFactory()
				.getBeanDefinition(IdleSpanExportRemover.BOOT_BATCH_PROCESSOR)
				.getFactoryBeanName()).isEqualTo(LlmObsSpanExportAutoConfiguration.class.getName());
			assertThat(context.getBean(SpanProcessors.class).list())
				.contains(context.getBean(BatchSpanProcessor.class));
		});
	}

	@Test
	void spansReachTheExporterAsTheSdkMadeThemWithTheCountsItDropped() {
		this.runner.withBean(SpanExporter.class, () -> this.exporter)
			.withPropertyValues("management.opentelemetry.tracing.limits.max-attributes=2")
			.run((context) -> {
				Span span = context.getBean(SdkTracerProvider.class).get("test").spanBuilder("root").startSpan();
				for (int i = 0; i < 5; i++) {
					span.setAttribute("attribute." + i, i);
				}
				span.end();
				SpanData exported = exportedOne(context);
				assertThat(exported.getAttributes().size()).isEqualTo(2);
				// Micrometer's conversion reports the attributes kept as all there were
				assertThat(exported.getTotalAttributeCount()).isEqualTo(5);
			});
	}

	@Test
	void aMicrometerFilterStillChangesTheSpans() {
		this.runner.withBean(SpanExporter.class, () -> this.exporter)
			.withBean(SpanFilter.class, () -> (span) -> span.setName("renamed"))
			.run((context) -> {
				context.getBean(SdkTracerProvider.class).get("test").spanBuilder("root").startSpan().end();
				assertThat(exportedOne(context).getName()).isEqualTo("renamed");
			});
	}

	@Test
	void aMicrometerPredicateStillKeepsSpansBack() {
		this.runner.withBean(SpanExporter.class, () -> this.exporter)
			.withBean(SpanExportingPredicate.class, () -> (span) -> !span.getName().equals("health"))
			.run((context) -> {
				context.getBean(SdkTracerProvider.class).get("test").spanBuilder("health").startSpan().end();
				context.getBean(SdkTracerProvider.class).get("test").spanBuilder("chat").startSpan().end();
				assertThat(exportedOne(context).getName()).isEqualTo("chat");
			});
	}

	@Test
	void bootsExportSettingsApply() {
		this.runner.withBean(SpanExporter.class, () -> this.exporter)
			.withPropertyValues("management.opentelemetry.tracing.export.max-batch-size=7",
					"management.opentelemetry.tracing.export.schedule-delay=3s",
					"management.opentelemetry.tracing.export.include-unsampled=true")
			.run((context) -> assertThat(context.getBean(BatchSpanProcessor.class).toString())
				.contains("maxExportBatchSize=7", "scheduleDelayNanos=3000000000", "exportUnsampledSpans=true"));
	}

	@Test
	void withNothingToExportToItIsLeftOffTheTracerProvider() {
		this.runner.run((context) -> assertThat(context.getBean(SpanProcessors.class).list())
			.doesNotContain(context.getBean(BatchSpanProcessor.class)));
	}

	@Test
	void shouldBackOffOnTheApplicationsOwnBatchProcessor() {
		BatchSpanProcessor own = BatchSpanProcessor.builder(this.exporter).build();
		this.runner.withBean("auditProcessor", BatchSpanProcessor.class, () -> own)
			.run((context) -> assertThat(context.getBean(BatchSpanProcessor.class)).isSameAs(own));
	}

	@Test
	void runWhenDisabledShouldLeaveBootsProcessor() {
		this.runner.withBean(SpanExporter.class, () -> this.exporter)
			.withPropertyValues("llmobs.enabled=false")
			.run((context) -> assertThat(context.getBeanFactory()
				.getBeanDefinition(IdleSpanExportRemover.BOOT_BATCH_PROCESSOR)
				.getFactoryBeanName()).isEqualTo(OpenTelemetryTracingAutoConfiguration.class.getName()));
	}

	private SpanData exportedOne(AssertableApplicationContext context) {
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		return this.exporter.getFinishedSpanItems().get(0);
	}

}
