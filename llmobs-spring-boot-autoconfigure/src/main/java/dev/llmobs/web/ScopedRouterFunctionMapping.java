package dev.llmobs.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import java.util.List;

import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * Serves routes that all live under one path (the trace viewer's, the feedback
 * endpoint's) from a handler mapping of their own, which looks at a request only when its
 * path is under that one.
 * <p>
 * Declared as {@link RouterFunction} beans, the routes would join Spring MVC's own
 * router-function mapping, which builds a {@code ServerRequest} for every request the
 * application serves before it asks any route, and so costs every request of an app that
 * has no routes of its own. Here a request whose path is elsewhere costs one prefix
 * check. A path the check cannot read plainly (percent-encoded, with {@code ;}
 * parameters, or outside the context path) is left to the routes, which decide as before.
 * <p>
 * The mapping takes the interceptors, CORS configuration, path parser, API version
 * strategy and message converters of Spring MVC's own mappings, so the routes behave as
 * they did in its router-function mapping.
 */
public final class ScopedRouterFunctionMapping extends RouterFunctionMapping {

	/**
	 * Before annotated controllers ({@code 0}), as Spring MVC's router-function mapping.
	 */
	public static final int ORDER = -1;

	private final String path;

	private final boolean interceptorsCopied;

	/**
	 * Creates the mapping.
	 * @param path the path every route lives under, such as {@code /llmobs}; a trailing
	 * {@code /} is ignored
	 * @param routes the routes
	 * @param mvcMapping one of Spring MVC's own mappings, whose interceptors, CORS
	 * configuration, path parser and API version strategy are taken, or {@code null}
	 * @param messageConverters Spring MVC's message converters, or an empty list for
	 * Spring's defaults
	 */
	public ScopedRouterFunctionMapping(String path, RouterFunction<?> routes,
			@Nullable AbstractHandlerMapping mvcMapping, List<HttpMessageConverter<?>> messageConverters) {
		super(routes);
		this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		setOrder(ORDER);
		if (!messageConverters.isEmpty()) {
			setMessageConverters(messageConverters);
		}
		this.interceptorsCopied = mvcMapping != null;
		if (mvcMapping != null) {
			// adapted already, mapped ones included: detecting them again would run them
			// twice
			setInterceptors((Object[]) mvcMapping.getAdaptedInterceptors());
			if (mvcMapping.getCorsConfigurationSource() != null) {
				setCorsConfigurationSource(mvcMapping.getCorsConfigurationSource());
			}
			if (mvcMapping.getPatternParser() != null) {
				setPatternParser(mvcMapping.getPatternParser());
			}
			setApiVersionStrategy(mvcMapping.getApiVersionStrategy());
		}
	}

	@Override
	protected void detectMappedInterceptors(List<HandlerInterceptor> interceptors) {
		if (!this.interceptorsCopied) {
			super.detectMappedInterceptors(interceptors);
		}
	}

	@Override
	protected @Nullable Object getHandlerInternal(HttpServletRequest request) throws Exception {
		return mayMatch(request) ? super.getHandlerInternal(request) : null;
	}

	/**
	 * Whether the request's path may be under this mapping's: {@code false} only when it
	 * plainly is not.
	 * @param request the request
	 * @return whether the routes should be asked
	 */
	boolean mayMatch(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		if (!uri.startsWith(contextPath) || uri.indexOf('%') >= 0 || uri.indexOf(';') >= 0) {
			return true;
		}
		int start = contextPath.length();
		int end = start + this.path.length();
		return uri.startsWith(this.path, start) && (uri.length() == end || uri.charAt(end) == '/');
	}

	/**
	 * The path every route lives under.
	 * @return the path, without a trailing {@code /}
	 */
	public String path() {
		return this.path;
	}

}
