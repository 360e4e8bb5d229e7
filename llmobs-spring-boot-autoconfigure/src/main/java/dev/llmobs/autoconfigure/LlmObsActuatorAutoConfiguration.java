package dev.llmobs.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.llmobs.actuate.LlmObsEndpoint;
import dev.llmobs.actuate.LlmObsHealthIndicator;
import dev.llmobs.actuate.LlmObsMeters;
import dev.llmobs.export.ExportStatistics;
import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.viewer.LocalAccessFilter;

/**
 * Actuator integration: the {@code llmobs} health indicator, the {@code llmobs} endpoint,
 * and the Micrometer meters.
 */
@AutoConfiguration(before = LlmObsAutoConfiguration.class, after = LlmObsExportAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LlmObsProperties.class)
public final class LlmObsActuatorAutoConfiguration {

	private static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LlmObsMeters llmObsMeters(ObjectProvider<ExportStatistics> statistics, LlmObsProperties properties) {
			return new LlmObsMeters(statistics.getIfAvailable(), properties.getMetrics().getMaxPromptVersions());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBean(ExportStatistics.class)
	@ConditionalOnEnabledHealthIndicator("llmobs")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "llmobsHealthIndicator")
		LlmObsHealthIndicator llmobsHealthIndicator(ExportStatistics statistics, LlmObsProperties properties,
				Environment environment) {
			String endpoint = environment.getProperty(OTLP_ENDPOINT);
			return new LlmObsHealthIndicator(statistics, (endpoint != null) ? withoutCredentials(endpoint) : null,
					properties.getHealth().getFailureThreshold(), properties.getHealth().isDownOnFailure());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnBean(RecentTraceStore.class)
	@ConditionalOnAvailableEndpoint(LlmObsEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LlmObsEndpoint llmObsEndpoint(RecentTraceStore store, LlmObsProperties properties, Environment environment) {
			return new LlmObsEndpoint(store, effectiveConfiguration(properties, environment));
		}

	}

	/**
	 * The endpoint shows captured content: it answers only local or authenticated
	 * requests, as the viewer does. Registered in the application's server; with a
	 * separate management port the child context registers its own. Servlet only, in a
	 * class of its own so a reactive application never loads the servlet types.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(
			name = { "jakarta.servlet.Filter", "org.springframework.boot.web.servlet.FilterRegistrationBean",
					"org.springframework.boot.actuate.endpoint.annotation.Endpoint" })
	@ConditionalOnBean(RecentTraceStore.class)
	@ConditionalOnAvailableEndpoint(LlmObsEndpoint.class)
	static class EndpointAccessConfiguration {

		@Bean
		FilterRegistrationBean<LocalAccessFilter> llmObsEndpointAccessFilter(LlmObsProperties properties,
				Environment environment) {
			return EndpointAccessFilters.endpointAccessFilter(properties, environment);
		}

	}

	static String withoutCredentials(String url) {
		return url.replaceAll("//[^/@]+@", "//").replaceAll("\\?.*$", "");
	}

	static Map<String, Object> effectiveConfiguration(LlmObsProperties properties, Environment environment) {
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("enabled", properties.isEnabled());
		configuration.put("conventions",
				LlmSpanConventions.effective(LlmObsAutoConfiguration.selectedConventions(properties, environment))
					.stream()
					.map(Convention::configName)
					.toList());
		LlmObsProperties.Capture capture = properties.getCapture();
		configuration.put("capture", Map.of("inputs", capture.isInputs(), "outputs", capture.isOutputs(), "mode",
				capture.getMode().name().toLowerCase(java.util.Locale.ROOT), "maxLength", capture.getMaxLength(),
				"redact", capture.getRedact().stream().map(dev.llmobs.capture.RedactionKind::configName).toList(),
				"customRedactPatterns", capture.getRedactPatterns().size()));
		LlmObsProperties.Web web = properties.getWeb();
		configuration.put("web", Map.of("enabled", web.isEnabled(), "sessionHeader", web.getSessionHeader(),
				"userHeader", web.getUserHeader(), "userFromPrincipal", web.isUserFromPrincipal(), "hashUserIds",
				web.isHashUserIds(), "propagate", web.isPropagate(), "propagateHosts", web.getPropagateHosts()));
		configuration.put("context", Map.of("propagateToExecutors", properties.getContext().isPropagateToExecutors(),
				"reactorContextPropagation", environment.getProperty("spring.reactor.context-propagation", "limited")));
		configuration.put("recentTraces", Map.of("maxTraces", properties.getRecentTraces().getMaxTraces()));
		configuration.put("console", properties.getConsole().isEnabled());
		LlmObsProperties.Sampling sampling = properties.getSampling();
		Map<String, Object> tail = new LinkedHashMap<>();
		tail.put("enabled", sampling.isEnabled());
		if (sampling.isEnabled()) {
			tail.put("keepRate", sampling.getKeepRate());
			tail.put("gracePeriod", sampling.getGracePeriod().toString());
			tail.put("keepErrors", sampling.isKeepErrors());
			tail.put("keepFailedEvaluations", sampling.isKeepFailedEvaluations());
			tail.put("keepTruncated", sampling.isKeepTruncated());
			tail.put("keepCostAbove", sampling.getKeepCostAbove());
			tail.put("keepDurationAbove",
					(sampling.getKeepDurationAbove() != null) ? sampling.getKeepDurationAbove().toString() : null);
			// metadata keys only, and a count of user ids: values may identify customers
			tail.put("keepMetadataKeys", sampling.getKeepMetadata().keySet());
			tail.put("keepUsers", sampling.getKeepUsers().size());
			tail.put("maxTraces", sampling.getMaxTraces());
		}
		configuration.put("tailSampling", tail);
		configuration.put("springAi", properties.getSpringAi().isEnabled());
		String endpoint = environment.getProperty(OTLP_ENDPOINT);
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("endpoint", (endpoint != null) ? withoutCredentials(endpoint) : "none");
		// every header by name, its value masked: a header often carries an API key
		export.put("headers", masked(ExportHeaderNames.of(environment, ExportHeaderNames.TRACES, "TRACES")));
		export.put("logsHeaders", masked(ExportHeaderNames.of(environment, ExportHeaderNames.LOGS, "LOGS")));
		export.put("metricsHeaders", masked(ExportHeaderNames.of(environment, ExportHeaderNames.METRICS, "METRICS")));
		export.put("backend", properties.getExport().getBackend().name().toLowerCase(java.util.Locale.ROOT));
		export.put("llmTracesOnly", properties.getExport().isLlmTracesOnly());
		export.put("samplingProbability", environment.getProperty("management.tracing.sampling.probability"));
		configuration.put("export", export);
		return configuration;
	}

	private static Map<String, String> masked(Iterable<String> names) {
		Map<String, String> masked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String name : names) {
			masked.put(name, "******");
		}
		return masked;
	}

}
