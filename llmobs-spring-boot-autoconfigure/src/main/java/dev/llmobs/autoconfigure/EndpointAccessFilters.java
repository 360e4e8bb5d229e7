package dev.llmobs.autoconfigure;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.env.Environment;

import dev.llmobs.viewer.LocalAccessFilter;

/**
 * The guard of {@code /actuator/llmobs}, for the application's server and a separate
 * management server alike; only loaded in servlet applications.
 */
final class EndpointAccessFilters {

	private EndpointAccessFilters() {
	}

	static FilterRegistrationBean<LocalAccessFilter> endpointAccessFilter(LlmObsProperties properties,
			Environment environment) {
		String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		String mapping = environment.getProperty("management.endpoints.web.path-mapping.llmobs", "llmobs");
		String path = (base.endsWith("/") ? base : base + "/")
				+ (mapping.startsWith("/") ? mapping.substring(1) : mapping);
		if (!path.startsWith("/")) {
			path = "/" + path;
		}
		FilterRegistrationBean<LocalAccessFilter> registration = new FilterRegistrationBean<>(
				new LocalAccessFilter(properties.getViewer().isAllowRemote(), "The llmobs actuator endpoint",
						LocalAccessFilter.endpointHeaders()));
		registration.addUrlPatterns(path, path + "/*");
		registration.setOrder(LlmObsViewerAutoConfiguration.ACCESS_FILTER_ORDER);
		return registration;
	}

}
