package dev.llmobs.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.viewer.LocalAccessFilter;
import dev.llmobs.viewer.TraceViewer;
import dev.llmobs.web.ScopedRouterFunctionMapping;

/**
 * The trace viewer page, off unless {@code llmobs.viewer.enabled=true}; it answers only
 * local or authenticated requests unless {@code llmobs.viewer.allow-remote=true}.
 */
@AutoConfiguration(after = LlmObsExportAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("llmobs.viewer.enabled")
@ConditionalOnBean(RecentTraceStore.class)
@EnableConfigurationProperties(LlmObsProperties.class)
public final class LlmObsViewerAutoConfiguration {

	/**
	 * After Spring Security's filter chain ({@code -100}), so a request it authenticated
	 * is known as such.
	 */
	static final int ACCESS_FILTER_ORDER = -85;

	@Bean
	ScopedRouterFunctionMapping llmObsViewerMapping(LlmObsProperties properties, RecentTraceStore store,
			@Qualifier(RouteMappings.MVC_MAPPING) ObjectProvider<RequestMappingHandlerMapping> mvcMapping,
			@Qualifier(RouteMappings.MVC_ADAPTER) ObjectProvider<RequestMappingHandlerAdapter> mvcAdapter) {
		String path = properties.getViewer().getPath();
		return RouteMappings.scoped(path, TraceViewer.routes(path, store), mvcMapping, mvcAdapter);
	}

	@Bean
	FilterRegistrationBean<LocalAccessFilter> llmObsViewerAccessFilter(LlmObsProperties properties) {
		String path = properties.getViewer().getPath();
		String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		// the feedback endpoint is for the application's own front end, wherever it runs
		java.util.Set<String> open = properties.getFeedback().isEnabled()
				? java.util.Set.of(properties.getFeedback().getPath()) : java.util.Set.of();
		FilterRegistrationBean<LocalAccessFilter> registration = new FilterRegistrationBean<>(
				new LocalAccessFilter(properties.getViewer().isAllowRemote(), "The llmobs trace viewer",
						LocalAccessFilter.viewerHeaders(), open));
		registration.addUrlPatterns(base, base + "/*");
		registration.setOrder(ACCESS_FILTER_ORDER);
		return registration;
	}

}
