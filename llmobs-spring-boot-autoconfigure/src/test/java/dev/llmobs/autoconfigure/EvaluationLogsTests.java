package dev.llmobs.autoconfigure;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.SdkLoggerProviderBuilderCustomizer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationLogsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryLoggingAutoConfiguration.class));

	@Test
	void withBootsLoggingAndNoLogExporterTheRecordsWouldGoNowhere() {
		this.runner.run((context) -> {
			assertThat(goNowhere(context)).isTrue();
			assertThat(EvaluationLogs.logger(context.getBean(OpenTelemetry.class), context.getBeanFactory(), "t"))
				.isNull();
		});
	}

	@Test
	void aLogExporterReadsThem() {
		this.runner.withBean(LogRecordExporter.class, InMemoryLogRecordExporter::create).run((context) -> {
			assertThat(goNowhere(context)).isFalse();
			assertThat(EvaluationLogs.logger(context.getBean(OpenTelemetry.class), context.getBeanFactory(), "t"))
				.isNotNull();
		});
	}

	@Test
	void aProcessorOfTheApplicationsOwnReadsThem() {
		this.runner
			.withBean("auditProcessor", LogRecordProcessor.class,
					() -> SimpleLogRecordProcessor.create(InMemoryLogRecordExporter.create()))
			.run((context) -> assertThat(goNowhere(context)).isFalse());
	}

	@Test
	void aCustomizedLoggerProviderMayReadThem() {
		this.runner
			.withBean(SdkLoggerProviderBuilderCustomizer.class,
					() -> (builder) -> builder
						.addLogRecordProcessor(SimpleLogRecordProcessor.create(InMemoryLogRecordExporter.create())))
			.run((context) -> assertThat(goNowhere(context)).isFalse());
	}

	@Test
	void anOpenTelemetryNotBuiltByBootMayReadThem() {
		OpenTelemetrySdk own = OpenTelemetrySdk.builder()
			.setLoggerProvider(SdkLoggerProvider.builder().build())
			.build();
		this.runner.run((context) -> assertThat(EvaluationLogs.goNowhere(own, context.getBeanFactory())).isFalse());
	}

	@Test
	void withoutBootsLoggingTheyAreEmitted() {
		new ApplicationContextRunner()
			.run((context) -> assertThat(EvaluationLogs.goNowhere(OpenTelemetry.noop(), context.getBeanFactory()))
				.isFalse());
	}

	private static boolean goNowhere(AssertableApplicationContext context) {
		return EvaluationLogs.goNowhere(context.getBean(OpenTelemetry.class), context.getBeanFactory());
	}

}
