package dev.llmobs.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.llmobs.web.ScopedRouterFunctionMapping;

/**
 * Builds the handler mappings of the starter's own routes from Spring MVC's beans, so the
 * routes get the application's interceptors, CORS configuration and message converters.
 */
final class RouteMappings {

	/** Spring MVC's mapping of annotated controllers. */
	static final String MVC_MAPPING = "requestMappingHandlerMapping";

	/** Spring MVC's adapter of annotated controllers. */
	static final String MVC_ADAPTER = "requestMappingHandlerAdapter";

	private RouteMappings() {
	}

	static ScopedRouterFunctionMapping scoped(String path, RouterFunction<?> routes,
			ObjectProvider<RequestMappingHandlerMapping> mvcMapping,
			ObjectProvider<RequestMappingHandlerAdapter> mvcAdapter) {
		RequestMappingHandlerAdapter adapter = mvcAdapter.getIfAvailable();
		return new ScopedRouterFunctionMapping(path, routes, mvcMapping.getIfAvailable(),
				(adapter != null) ? adapter.getMessageConverters() : List.of());
	}

}
