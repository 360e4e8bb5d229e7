package dev.llmobs.web;

import java.io.IOException;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.trace.RecordingFailures;

/**
 * Takes the session and user of each request, validates them, stamps them on the HTTP
 * server span (the root, where Phoenix builds sessions from) and keeps them in the
 * context for every span below; returns the trace id in a response header. Runs after
 * Boot's server observation filter and after Spring Security, for request and async
 * dispatches.
 */
public final class LlmObsWebFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(LlmObsWebFilter.class);

	private final SessionIdResolver sessionIds;

	private final UserIdResolver userIds;

	private final IdValidator validator;

	private final UserIdHasher hasher;

	private final String traceIdHeader;

	private final RejectedIdListener rejections;

	/**
	 * Creates the filter.
	 * @param sessionIds resolves session ids
	 * @param userIds resolves user ids
	 * @param validator validates both
	 * @param hasher hashes user ids, or {@code null} to keep them as they are
	 * @param traceIdHeader the response header for the trace id, or empty for none
	 * @param rejections told about rejected values
	 */
	public LlmObsWebFilter(SessionIdResolver sessionIds, UserIdResolver userIds, IdValidator validator,
			UserIdHasher hasher, String traceIdHeader, RejectedIdListener rejections) {
		this.sessionIds = sessionIds;
		this.userIds = userIds;
		this.validator = validator;
		this.hasher = hasher;
		this.traceIdHeader = traceIdHeader;
		this.rejections = rejections;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		LlmObsContext resolved = resolve(request);
		stampServerSpan(resolved, response);
		if (resolved.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		try (LlmObsScope scope = ContextScopes.open((current) -> merge(current, resolved))) {
			chain.doFilter(request, response);
		}
	}

	private LlmObsContext resolve(HttpServletRequest request) {
		LlmObsContext context = LlmObsContext.EMPTY;
		try {
			String session = accept("session", this.sessionIds.resolveSessionId(request));
			if (session != null) {
				context = context.withSession(session);
			}
			String user = accept("user", this.userIds.resolveUserId(request));
			if (user != null) {
				context = context.withUser((this.hasher != null) ? this.hasher.hash(user) : user);
			}
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("the session or user of a request", ex);
		}
		return context;
	}

	private String accept(String field, String value) {
		if (value == null) {
			return null;
		}
		String reason = this.validator.rejection(value);
		if (reason == null) {
			return value;
		}
		this.rejections.rejected(field, reason);
		if (logger.isDebugEnabled()) {
			logger.debug("llmobs dropped the " + field + " id of a request: " + reason);
		}
		return null;
	}

	private void stampServerSpan(LlmObsContext resolved, HttpServletResponse response) {
		try {
			Span serverSpan = Span.current();
			SpanContext spanContext = serverSpan.getSpanContext();
			if (!resolved.isEmpty()) {
				serverSpan.setAllAttributes(resolved.attributes());
			}
			if (!this.traceIdHeader.isEmpty() && spanContext.isValid() && !response.isCommitted()) {
				response.setHeader(this.traceIdHeader, spanContext.getTraceId());
			}
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("the server span of a request", ex);
		}
	}

	private static LlmObsContext merge(LlmObsContext current, LlmObsContext resolved) {
		LlmObsContext merged = current;
		if (resolved.sessionId() != null) {
			merged = merged.withSession(resolved.sessionId());
		}
		if (resolved.userId() != null) {
			merged = merged.withUser(resolved.userId());
		}
		return merged;
	}

}
