package dev.llmobs.web;

import java.io.IOException;

import io.opentelemetry.api.trace.Span;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.failure.RecordingFailures;

/**
 * Takes the session and user of each request, validates them, stamps them on the HTTP
 * server span (the root, where Phoenix builds sessions from) and keeps them in the
 * context for every span below; returns the trace id in a response header. Runs after
 * Boot's server observation filter and after Spring Security, for request and async
 * dispatches.
 */
public final class LlmObsWebFilter extends OncePerRequestFilter {

	private final SessionIdResolver sessionIds;

	private final UserIdResolver userIds;

	private final RequestIdentity identity;

	private final String traceIdHeader;

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
		this.identity = new RequestIdentity(validator, hasher, rejections);
		this.traceIdHeader = traceIdHeader;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		LlmObsContext resolved = resolve(request);
		String traceId = this.identity.stamp(Span.current(), resolved);
		if (traceId != null && !this.traceIdHeader.isEmpty() && !response.isCommitted()) {
			response.setHeader(this.traceIdHeader, traceId);
		}
		if (resolved.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		try (LlmObsScope scope = ContextScopes.open((current) -> RequestIdentity.merge(current, resolved))) {
			chain.doFilter(request, response);
		}
	}

	private LlmObsContext resolve(HttpServletRequest request) {
		String session = null;
		String user = null;
		try {
			session = this.sessionIds.resolveSessionId(request);
			user = this.userIds.resolveUserId(request);
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("the session or user of a request", ex);
		}
		return this.identity.resolve(session, user);
	}

}
