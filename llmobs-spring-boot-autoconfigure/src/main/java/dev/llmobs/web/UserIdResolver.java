package dev.llmobs.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the user id of a request. Declare a bean to replace the default, which takes the
 * authenticated principal's name when there is one, else the
 * {@code llmobs.web.user-header} header.
 */
@FunctionalInterface
public interface UserIdResolver {

	/**
	 * Resolves the raw user id; it is validated (and optionally hashed) afterwards.
	 * @param request the request
	 * @return the raw id, or {@code null} when there is none
	 */
	String resolveUserId(HttpServletRequest request);

}
