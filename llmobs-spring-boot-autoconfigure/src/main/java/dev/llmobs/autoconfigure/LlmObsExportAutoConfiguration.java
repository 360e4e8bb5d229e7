package dev.llmobs.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpHttpLogRecordExporterBuilderCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.llmobs.export.CompletedTrace;
import dev.llmobs.export.ConsoleTraceReporter;
import dev.llmobs.export.ExportAccountingPostProcessor;
import dev.llmobs.export.ExportAccountingSpanProcessor;
import dev.llmobs.export.ExportStatistics;
import dev.llmobs.export.IdleSpanExportRemover;
import dev.llmobs.export.KnownTraces;
import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.export.TraceAssembler;
import dev.llmobs.export.transport.OtlpSenderComponentLoader;
import dev.llmobs.sampling.SamplingListener;
import dev.llmobs.sampling.SamplingRules;
import dev.llmobs.sampling.TailSamplingPostProcessor;
import dev.llmobs.sampling.TailSamplingSpanExporter;

/**
 * Auto-configuration of what follows the end of spans: export accounting around Boot's
 * exporter, the recent-trace store and console summaries.
 */
@AutoConfiguration(before = LlmObsAutoConfiguration.class,
		afterName = { "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration" })
@ConditionalOnClass(SdkTracerProvider.class)
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LlmObsProperties.class)
public final class LlmObsExportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExportStatistics llmObsExportStatistics(Environment environment) {
		long queue = environment.getProperty("management.opentelemetry.tracing.export.max-queue-size", Long.class,
				2048L);
		long batch = environment.getProperty("management.opentelemetry.tracing.export.max-batch-size", Long.class,
				512L);
		return new ExportStatistics(queue + batch);
	}

	@Bean
	static ExportAccountingPostProcessor llmObsExportAccountingPostProcessor(
			ObjectProvider<ExportStatistics> statistics) {
		return new ExportAccountingPostProcessor(statistics::getObject);
	}

	@Bean
	@Conditional(TailSamplingOrLlmTracesOnlyCondition.class)
	static TailSamplingPostProcessor llmObsTailSamplingPostProcessor(Environment environment,
			ObjectProvider<SamplingListener> listener) {
		Binder binder = Binder.get(environment);
		LlmObsProperties.Sampling sampling = binder.bind("llmobs.sampling", LlmObsProperties.Sampling.class)
			.orElseGet(LlmObsProperties.Sampling::new);
		boolean llmTracesOnly = binder.bind("llmobs.export.llm-traces-only", Boolean.class).orElse(false);
		SamplingRules rules = sampling.isEnabled() ? new SamplingRules(sampling.isKeepErrors(),
				sampling.isKeepFailedEvaluations(), sampling.isKeepTruncated(), sampling.getKeepCostAbove(),
				sampling.getKeepDurationAbove(), Map.copyOf(sampling.getKeepMetadata()),
				Set.copyOf(sampling.getKeepUsers()), sampling.getKeepRate(), llmTracesOnly)
				: SamplingRules.onlyLlmTraces();
		// without tail sampling nothing waits for late evaluations: spans ending after
		// the
		// root follow the decision taken when it ended
		Duration grace = sampling.isEnabled() ? sampling.getGracePeriod() : Duration.ZERO;
		TailSamplingSpanExporter.Limits limits = new TailSamplingSpanExporter.Limits(sampling.getMaxTraces(),
				sampling.getMaxSpansPerTrace(), sampling.getMaxBytes(), grace);
		return new TailSamplingPostProcessor(rules, limits,
				() -> SamplingListener.composite(listener.orderedStream().toList()));
	}

	@Bean
	ExportAccountingSpanProcessor llmObsExportAccountingSpanProcessor(ExportStatistics statistics) {
		return new ExportAccountingSpanProcessor(statistics);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "llmobs.recent-traces.enabled", matchIfMissing = true)
	RecentTraceStore llmObsRecentTraceStore(LlmObsProperties properties) {
		LlmObsProperties.RecentTraces recent = properties.getRecentTraces();
		return new RecentTraceStore(recent.getMaxTraces(), recent.getMaxOtherTraces(), recent.getMaxBytes());
	}

	@Bean
	@ConditionalOnBooleanProperty("llmobs.console.enabled")
	ConsoleTraceReporter llmObsConsoleTraceReporter() {
		return new ConsoleTraceReporter();
	}

	@Bean
	@ConditionalOnMissingBean
	KnownTraces llmObsKnownTraces(LlmObsProperties properties) {
		return new KnownTraces(properties.getFeedback().getMaxKnownTraces());
	}

	@Bean
	TraceAssembler llmObsTraceAssembler(LlmObsProperties properties, ObjectProvider<RecentTraceStore> store,
			ObjectProvider<ConsoleTraceReporter> console) {
		List<Consumer<CompletedTrace>> listeners = new ArrayList<>();
		List<TraceAssembler.LateSpanListener> late = new ArrayList<>();
		store.ifAvailable((recent) -> {
			listeners.add(recent);
			late.add(recent);
		});
		console.ifAvailable(listeners::add);
		LlmObsProperties.RecentTraces recent = properties.getRecentTraces();
		return new TraceAssembler(Math.max(recent.getMaxTraces(), 64), recent.getMaxSpansPerTrace(), listeners, late);
	}

	/**
	 * Boot's span batch processor is left off the tracer provider when it has nowhere to
	 * send spans.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(
			name = { "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors",
					"io.micrometer.tracing.exporter.SpanReporter" })
	static final class IdleExportConfiguration {

		@Bean
		static IdleSpanExportRemover llmObsIdleSpanExportRemover() {
			return new IdleSpanExportRemover();
		}

	}

	/**
	 * Boot's OTLP/HTTP span exporter sends with the starter's HTTP/1.1-on-cleartext
	 * sender.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OtlpHttpSpanExporterBuilderCustomizer.class,
			io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder.class })
	static final class SpanTransportConfiguration {

		@Bean
		OtlpHttpSpanExporterBuilderCustomizer llmObsOtlpHttpSpanSender() {
			return (builder) -> builder
				.setComponentLoader(new OtlpSenderComponentLoader(OtlpSenderComponentLoader.class.getClassLoader()));
		}

	}

	/**
	 * Boot's OTLP/HTTP log record exporter (evaluation records) sends with the same
	 * sender.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OtlpHttpLogRecordExporterBuilderCustomizer.class,
			io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder.class })
	static final class LogTransportConfiguration {

		@Bean
		OtlpHttpLogRecordExporterBuilderCustomizer llmObsOtlpHttpLogSender() {
			return (builder) -> builder
				.setComponentLoader(new OtlpSenderComponentLoader(OtlpSenderComponentLoader.class.getClassLoader()));
		}

	}

	/**
	 * Tail sampling or the LLM-only filter is on: both hold traces until their root ends.
	 */
	static final class TailSamplingOrLlmTracesOnlyCondition extends AnyNestedCondition {

		TailSamplingOrLlmTracesOnlyCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty("llmobs.sampling.enabled")
		static final class TailSampling {

		}

		@ConditionalOnBooleanProperty("llmobs.export.llm-traces-only")
		static final class LlmTracesOnly {

		}

	}

}
