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
	void exportHeadersAreListedByNameWithMaskedValuesWhereverTheyWereSet() {
		this.runner
			.withPropertyValues("management.opentelemetry.tracing.export.otlp.headers.Authorization=Bearer sekret-1",
					"management.opentelemetry.tracing.export.otlp.headers[X-Scope-OrgID]=tenant-sekret-2",
					"management.opentelemetry.logging.export.otlp.headers.api-key=sekret-3",
					"OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=sekret-4, x-dataset=sekret-5",
					"OTEL_EXPORTER_OTLP_TRACES_HEADERS=signoz-access-token=sekret-6")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new org.springframework.core.env.SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("MANAGEMENT_OTLP_METRICS_EXPORT_HEADERS_TOKEN", "sekret-7"))))
			.run((context) -> {
				Map<?, ?> configuration = (Map<?, ?>) context.getBean(LlmObsEndpoint.class)
					.recent()
					.get("configuration");
				Map<?, ?> export = (Map<?, ?>) configuration.get("export");
				assertThat(((Map<?, ?>) export.get("headers")).keySet()).map(Object::toString)
					.containsExactlyInAnyOrder("Authorization", "X-Scope-OrgID", "signoz-access-token");
				assertThat(((Map<?, ?>) export.get("logsHeaders")).keySet()).map(Object::toString)
					.containsExactlyInAnyOrder("api-key", "x-honeycomb-team", "x-dataset");
				assertThat(((Map<?, ?>) export.get("metricsHeaders")).keySet()).map(Object::toString)
					.containsExactlyInAnyOrder("token", "x-honeycomb-team", "x-dataset");
				assertThat(export.toString()).doesNotContain("sekret").contains("******");
			});
	}

	@Test
	void endpointAnswersOnlyLocalRequestsThroughAFilterAtItsPath() {
		new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LlmObsExportAutoConfiguration.class, LlmObsActuatorAutoConfiguration.class))
			.withPropertyValues("management.endpoints.access.default=READ_ONLY",
					"management.endpoints.web.exposure.include=llmobs", "management.endpoints.web.base-path=/manage",
					"management.endpoints.web.path-mapping.llmobs=observability")
			.run((context) -> {
				org.springframework.boot.web.servlet.FilterRegistrationBean<?> registration = context.getBean(
						"llmObsEndpointAccessFilter",
						org.springframework.boot.web.servlet.FilterRegistrationBean.class);
				assertThat(registration.getUrlPatterns()).containsExactly("/manage/observability",
						"/manage/observability/*");
				assertThat(registration.getFilter()).isInstanceOf(dev.llmobs.viewer.LocalAccessFilter.class);
			});
	}

	@Test
	void viewerAnswersRemoteRequestsOnlyWhenAllowed() {
		org.springframework.boot.test.context.runner.WebApplicationContextRunner web = new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LlmObsExportAutoConfiguration.class, LlmObsViewerAutoConfiguration.class))
			.withPropertyValues("llmobs.viewer.enabled=true", "llmobs.viewer.path=/traces/");
		web.run((context) -> assertThat(remoteStatus(context, "llmObsViewerAccessFilter")).isEqualTo(403));
		web.withPropertyValues("llmobs.viewer.allow-remote=true")
			.run((context) -> assertThat(remoteStatus(context, "llmObsViewerAccessFilter")).isEqualTo(200));
		web.run((context) -> assertThat(context
			.getBean("llmObsViewerAccessFilter", org.springframework.boot.web.servlet.FilterRegistrationBean.class)
			.getUrlPatterns()).containsExactly("/traces", "/traces/*"));
	}

	private static int remoteStatus(org.springframework.context.ApplicationContext context, String name)
			throws Exception {
		org.springframework.boot.web.servlet.FilterRegistrationBean<?> registration = context.getBean(name,
				org.springframework.boot.web.servlet.FilterRegistrationBean.class);
		org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest(
				"GET", "/traces/api/traces");
		request.setRemoteAddr("203.0.113.9");
		org.springframework.mock.web.MockHttpServletResponse response = new org.springframework.mock.web.MockHttpServletResponse();
		registration.getFilter().doFilter(request, response, new org.springframework.mock.web.MockFilterChain());
		return response.getStatus();
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
