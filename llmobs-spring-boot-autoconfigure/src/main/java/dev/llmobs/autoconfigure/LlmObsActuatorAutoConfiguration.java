package dev.llmobs.autoconfigure;

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
import dev.llmobs.export.EndpointUrls;
import dev.llmobs.export.ExportStatistics;
import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.trace.Convention;
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
			return new LlmObsHealthIndicator(statistics,
					(endpoint != null) ? EndpointUrls.withoutCredentials(endpoint) : null,
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
			return new LlmObsEndpoint(store, EffectiveConfiguration.of(properties, environment));
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

}
