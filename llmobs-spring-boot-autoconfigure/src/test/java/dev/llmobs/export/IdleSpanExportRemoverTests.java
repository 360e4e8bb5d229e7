package dev.llmobs.export;

import java.util.List;

import io.micrometer.tracing.exporter.SpanReporter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.llmobs.autoconfigure.LlmObsExportAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class IdleSpanExportRemoverTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, LlmObsExportAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0");

	@Test
	void withNothingToExportToBootsBatchProcessorIsLeftOffAndTheStarterStillSeesEverySpan() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(BatchSpanProcessor.class);
			List<SpanProcessor> processors = context.getBean(SpanProcessors.class).list();
			assertThat(processors).doesNotContain(context.getBean(BatchSpanProcessor.class))
				.contains(context.getBean(TraceAssembler.class));
			endOneRootSpan(context);
			assertThat(context.getBean(RecentTraceStore.class).traces()).hasSize(1);
		});
	}

	@Test
	void anExporterKeepsItAndReceivesTheSpans() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		this.runner.withBean(SpanExporter.class, () -> exporter).run((context) -> {
			assertThat(context.getBean(SpanProcessors.class).list())
				.contains(context.getBean(BatchSpanProcessor.class));
			endOneRootSpan(context);
			context.getBean(SdkTracerProvider.class).forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(exporter.getFinishedSpanItems()).hasSize(1);
		});
	}

	@Test
	void aReporterKeepsIt() {
		this.runner.withBean(SpanReporter.class, () -> (span) -> {
		})
			.run((context) -> assertThat(context.getBean(SpanProcessors.class).list())
				.contains(context.getBean(BatchSpanProcessor.class)));
	}

	@Test
	void aBatchProcessorOfTheApplicationsOwnIsKept() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		this.runner
			.withBean(IdleSpanExportRemover.BOOT_BATCH_PROCESSOR, BatchSpanProcessor.class,
					() -> BatchSpanProcessor.builder(exporter).build())
			.run((context) -> {
				assertThat(context.getBean(SpanProcessors.class).list())
					.contains(context.getBean(BatchSpanProcessor.class));
				endOneRootSpan(context);
				context.getBean(SdkTracerProvider.class).forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(exporter.getFinishedSpanItems()).hasSize(1);
			});
	}

	private static void endOneRootSpan(AssertableApplicationContext context) {
		Tracer tracer = context.getBean(SdkTracerProvider.class).get("test");
		tracer.spanBuilder("root").startSpan().end();
	}

}
