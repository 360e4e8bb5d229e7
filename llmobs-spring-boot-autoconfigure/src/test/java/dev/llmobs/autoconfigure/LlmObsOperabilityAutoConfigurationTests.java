package dev.llmobs.autoconfigure;

import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.llmobs.actuate.LlmObsEndpoint;
import dev.llmobs.sampling.TailSamplingPostProcessor;
import dev.llmobs.actuate.LlmObsHealthIndicator;
import dev.llmobs.actuate.LlmObsMeters;
import dev.llmobs.export.ConsoleTraceReporter;
import dev.llmobs.export.ExportAccountingPostProcessor;
import dev.llmobs.export.ExportStatistics;
import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.export.TraceAssembler;

import static org.assertj.core.api.Assertions.assertThat;

class LlmObsOperabilityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(LlmObsExportAutoConfiguration.class, LlmObsActuatorAutoConfiguration.class))
		.withPropertyValues("management.endpoints.access.default=READ_ONLY",
				"management.endpoints.web.exposure.include=llmobs");

	@Test
	void shouldSupplyBeans() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ExportStatistics.class)
			.hasSingleBean(ExportAccountingPostProcessor.class)
			.hasSingleBean(TraceAssembler.class)
			.hasSingleBean(RecentTraceStore.class)
			.hasSingleBean(LlmObsHealthIndicator.class)
			.hasSingleBean(LlmObsMeters.class)
			.hasSingleBean(LlmObsEndpoint.class)
			.doesNotHaveBean(ConsoleTraceReporter.class));
	}

	@Test
	void runWhenHealthDisabledShouldNotCreateIndicator() {
		this.runner.withPropertyValues("management.health.llmobs.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LlmObsHealthIndicator.class)
				.hasSingleBean(ExportStatistics.class));
	}

	@Test
	void runWhenRecentTracesDisabledShouldNotKeepTraces() {
		this.runner.withPropertyValues("llmobs.recent-traces.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RecentTraceStore.class)
				.doesNotHaveBean(LlmObsEndpoint.class)
				.hasSingleBean(TraceAssembler.class));
	}

	@Test
	void tailSamplingIsOptInAndShownWithoutCustomerValues() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TailSamplingPostProcessor.class));
		this.runner
			.withPropertyValues("llmobs.sampling.enabled=true", "llmobs.sampling.keep-metadata.tier=enterprise",
					"llmobs.sampling.keep-users=alice,bob")
			.run((context) -> {
				assertThat(context).hasSingleBean(TailSamplingPostProcessor.class);
				Map<?, ?> configuration = (Map<?, ?>) context.getBean(LlmObsEndpoint.class)
					.recent()
					.get("configuration");
				@SuppressWarnings("unchecked")
				Map<String, Object> tail = (Map<String, Object>) configuration.get("tailSampling");
				assertThat(tail).containsEntry("enabled", true).containsEntry("keepUsers", 2);
				assertThat(tail.get("keepMetadataKeys").toString()).contains("tier").doesNotContain("enterprise");
			});
	}

	@Test
	@SuppressWarnings("unchecked")
	void theEffectiveConfigurationShowsHowTheContextCrossesThreads() {
		this.runner.withPropertyValues("llmobs.context.propagate-to-executors=false").run((context) -> {
			Map<?, ?> configuration = (Map<?, ?>) context.getBean(LlmObsEndpoint.class).recent().get("configuration");
			assertThat((Map<String, Object>) configuration.get("context")).containsEntry("propagateToExecutors", false)
				.containsKey("reactorContextPropagation");
		});
	}

	@Test
	void consoleSummariesAreOptIn() {
		this.runner.withPropertyValues("llmobs.console.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ConsoleTraceReporter.class));
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		RecentTraceStore custom = new RecentTraceStore(5, 1000);
		this.runner.withBean(RecentTraceStore.class, () -> custom)
			.run((context) -> assertThat(context.getBean(RecentTraceStore.class)).isSameAs(custom));
	}

	@Test
	void runWhenDisabledShouldRegisterNothing() {
		this.runner.withPropertyValues("llmobs.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ExportStatistics.class)
				.doesNotHaveBean(TraceAssembler.class)
				.doesNotHaveBean(LlmObsMeters.class));
	}

	@Test
	void metersBindToTheRegistry() {
		this.runner.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(LlmObsMeters.class).bindTo(registry);
			assertThat(registry.find("llmobs.export.spans").tag("outcome", "dropped").functionCounter()).isNotNull();
			assertThat(registry.find("llmobs.capture.truncated").counter()).isNotNull();
		});
	}

}
