package dev.llmobs.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the session (conversation) id of a request. Declare a bean to replace the
 * default, which reads the {@code llmobs.web.session-header} header.
 */
@FunctionalInterface
public interface SessionIdResolver {

	/**
	 * Resolves the raw session id; it is validated afterwards.
	 * @param request the request
	 * @return the raw id, or {@code null} when there is none
	 */
	String resolveSessionId(HttpServletRequest request);

}
