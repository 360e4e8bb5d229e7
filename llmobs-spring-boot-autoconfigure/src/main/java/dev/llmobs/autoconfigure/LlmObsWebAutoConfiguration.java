package dev.llmobs.autoconfigure;

import java.util.HashSet;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.llmobs.web.HeaderSessionIdResolver;
import dev.llmobs.web.IdValidator;
import dev.llmobs.web.LlmObsWebFilter;
import dev.llmobs.web.PrincipalOrHeaderUserIdResolver;
import dev.llmobs.web.RejectedIdListener;
import dev.llmobs.web.SessionBaggageInterceptor;
import dev.llmobs.web.SessionIdResolver;
import dev.llmobs.web.UserIdHasher;
import dev.llmobs.web.UserIdResolver;

/**
 * Auto-configuration of the servlet filter that takes each request's session and user,
 * and of the opt-in baggage sent to allowed hosts.
 */
@AutoConfiguration(after = LlmObsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ OncePerRequestFilter.class, Span.class })
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "llmobs.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LlmObsProperties.class)
public final class LlmObsWebAutoConfiguration {

	/**
	 * After Boot's server observation filter ({@code HIGHEST_PRECEDENCE + 1}) and Spring
	 * Security's filter chain ({@code -100}), so the server span is current and the
	 * principal is known.
	 */
	static final int FILTER_ORDER = -90;

	@Bean
	@ConditionalOnMissingBean
	SessionIdResolver llmObsSessionIdResolver(LlmObsProperties properties) {
		return new HeaderSessionIdResolver(properties.getWeb().getSessionHeader());
	}

	@Bean
	@ConditionalOnMissingBean
	UserIdResolver llmObsUserIdResolver(LlmObsProperties properties) {
		LlmObsProperties.Web web = properties.getWeb();
		return new PrincipalOrHeaderUserIdResolver(web.getUserHeader(), web.isUserFromPrincipal());
	}

	@Bean
	FilterRegistrationBean<LlmObsWebFilter> llmObsWebFilter(LlmObsProperties properties, SessionIdResolver sessionIds,
			UserIdResolver userIds, ObjectProvider<RejectedIdListener> rejections) {
		LlmObsProperties.Web web = properties.getWeb();
		UserIdHasher hasher = web.isHashUserIds() ? new UserIdHasher(web.getUserIdSalt()) : null;
		LlmObsWebFilter filter = new LlmObsWebFilter(sessionIds, userIds, new IdValidator(web.getMaxIdLength()), hasher,
				web.getTraceIdHeader(), CompositeListeners.rejectedId(rejections));
		FilterRegistrationBean<LlmObsWebFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(FILTER_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class RejectionMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RejectedIdListener llmObsRejectedIdListener(ObjectProvider<MeterRegistry> registry) {
			return RejectedIdMeters.listener(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	@ConditionalOnBooleanProperty("llmobs.web.propagate")
	static class BaggagePropagationConfiguration {

		@Bean
		SessionBaggageInterceptor llmObsSessionBaggageInterceptor(LlmObsProperties properties) {
			return new SessionBaggageInterceptor(new HashSet<>(properties.getWeb().getPropagateHosts()));
		}

		@Bean
		RestClientCustomizer llmObsBaggageRestClientCustomizer(SessionBaggageInterceptor interceptor) {
			return (builder) -> builder.requestInterceptor(interceptor);
		}

		@Bean
		RestTemplateCustomizer llmObsBaggageRestTemplateCustomizer(SessionBaggageInterceptor interceptor) {
			return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
		}

	}

}
