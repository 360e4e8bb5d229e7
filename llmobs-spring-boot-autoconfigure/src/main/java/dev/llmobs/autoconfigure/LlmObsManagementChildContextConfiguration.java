package dev.llmobs.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.llmobs.actuate.LlmObsEndpoint;
import dev.llmobs.viewer.LocalAccessFilter;

/**
 * With {@code management.server.port} set, actuator endpoints are served by a child
 * context with its own server, which does not see the application's filters: the
 * {@code llmobs} endpoint's access filter is registered there too.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(FilterRegistrationBean.class)
@ConditionalOnBean({ LlmObsEndpoint.class, LlmObsProperties.class })
class LlmObsManagementChildContextConfiguration {

	@Bean
	FilterRegistrationBean<LocalAccessFilter> llmObsEndpointAccessFilter(LlmObsProperties properties,
			Environment environment) {
		return EndpointAccessFilters.endpointAccessFilter(properties, environment);
	}

}
