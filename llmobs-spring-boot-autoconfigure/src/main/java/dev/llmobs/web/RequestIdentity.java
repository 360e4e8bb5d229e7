package dev.llmobs.web;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.llmobs.context.LlmObsContext;
import dev.llmobs.failure.RecordingFailures;

/**
 * What the servlet and the WebFlux filters share: turning a request's raw session and
 * user ids into an {@link LlmObsContext} (validated, rejected whole and counted when
 * invalid, user ids optionally hashed), stamping it on the HTTP server span, and the
 * trace id returned to the client.
 */
public final class RequestIdentity {

	private static final Log logger = LogFactory.getLog(RequestIdentity.class);

	private final IdValidator validator;

	private final UserIdHasher hasher;

	private final RejectedIdListener rejections;

	/**
	 * Creates the shared part of the filters.
	 * @param validator validates session and user ids
	 * @param hasher hashes user ids, or {@code null} to keep them as they are
	 * @param rejections told about rejected values
	 */
	public RequestIdentity(IdValidator validator, UserIdHasher hasher, RejectedIdListener rejections) {
		this.validator = validator;
		this.hasher = hasher;
		this.rejections = rejections;
	}

	/**
	 * The context for a request's raw ids; invalid ids are dropped (and counted), a
	 * failure is recorded and yields what was resolved so far.
	 * @param rawSession the raw session id, or {@code null}
	 * @param rawUser the raw user id, or {@code null}
	 * @return the context, {@link LlmObsContext#EMPTY} when neither is usable
	 */
	public LlmObsContext resolve(String rawSession, String rawUser) {
		LlmObsContext context = LlmObsContext.EMPTY;
		try {
			String session = accept("session", rawSession);
			if (session != null) {
				context = context.withSession(session);
			}
			String user = accept("user", rawUser);
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

	/**
	 * Stamps the resolved ids on the HTTP server span, the root Phoenix builds sessions
	 * from, and returns the trace id to send back.
	 * @param serverSpan the server span
	 * @param resolved the resolved ids
	 * @return the trace id, or {@code null} when the span is not valid
	 */
	public String stamp(Span serverSpan, LlmObsContext resolved) {
		try {
			if (!resolved.isEmpty()) {
				serverSpan.setAllAttributes(resolved.attributes());
			}
			SpanContext spanContext = serverSpan.getSpanContext();
			return spanContext.isValid() ? spanContext.getTraceId() : null;
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("the server span of a request", ex);
			return null;
		}
	}

	/**
	 * The context to make current below the filter: the one in effect with the request's
	 * session and user on top.
	 * @param current the context in effect
	 * @param resolved the request's ids
	 * @return the merged context
	 */
	public static LlmObsContext merge(LlmObsContext current, LlmObsContext resolved) {
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
