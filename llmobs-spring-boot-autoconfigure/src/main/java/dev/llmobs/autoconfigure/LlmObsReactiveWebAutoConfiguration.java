package dev.llmobs.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

import dev.llmobs.web.IdValidator;
import dev.llmobs.web.LlmObsReactiveWebFilter;
import dev.llmobs.web.ReactiveHeaderSessionIdResolver;
import dev.llmobs.web.ReactivePrincipalOrHeaderUserIdResolver;
import dev.llmobs.web.ReactiveSessionIdResolver;
import dev.llmobs.web.ReactiveUserIdResolver;
import dev.llmobs.web.RejectedIdListener;
import dev.llmobs.web.RequestIdentity;
import dev.llmobs.web.UserIdHasher;

/**
 * Auto-configuration of the WebFlux filter that takes each exchange's session and user,
 * for reactive web applications only.
 */
@AutoConfiguration(after = LlmObsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, Mono.class, Span.class })
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "llmobs.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LlmObsProperties.class)
public final class LlmObsReactiveWebAutoConfiguration {

	/**
	 * After Spring Security's {@code WebFilterChainProxy} ({@code -100}), so the
	 * principal is known.
	 */
	static final int FILTER_ORDER = -90;

	@Bean
	@ConditionalOnMissingBean
	ReactiveSessionIdResolver llmObsReactiveSessionIdResolver(LlmObsProperties properties) {
		return new ReactiveHeaderSessionIdResolver(properties.getWeb().getSessionHeader());
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveUserIdResolver llmObsReactiveUserIdResolver(LlmObsProperties properties) {
		LlmObsProperties.Web web = properties.getWeb();
		return new ReactivePrincipalOrHeaderUserIdResolver(web.getUserHeader(), web.isUserFromPrincipal());
	}

	@Bean
	@ConditionalOnMissingBean
	LlmObsReactiveWebFilter llmObsReactiveWebFilter(LlmObsProperties properties, ReactiveSessionIdResolver sessionIds,
			ReactiveUserIdResolver userIds, ObjectProvider<RejectedIdListener> rejections) {
		LlmObsProperties.Web web = properties.getWeb();
		UserIdHasher hasher = web.isHashUserIds() ? new UserIdHasher(web.getUserIdSalt()) : null;
		RequestIdentity identity = new RequestIdentity(new IdValidator(web.getMaxIdLength()), hasher,
				CompositeListeners.rejectedId(rejections));
		return new LlmObsReactiveWebFilter(sessionIds, userIds, identity, web.getTraceIdHeader(), FILTER_ORDER);
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

}
