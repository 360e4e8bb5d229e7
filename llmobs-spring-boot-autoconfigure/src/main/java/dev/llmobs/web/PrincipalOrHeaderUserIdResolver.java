package dev.llmobs.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Takes the authenticated principal's name (so a spoofed header cannot override it), else
 * a request header.
 */
public final class PrincipalOrHeaderUserIdResolver implements UserIdResolver {

	private final String header;

	private final boolean fromPrincipal;

	/**
	 * Creates the resolver.
	 * @param header the header name, such as {@code X-User-Id}
	 * @param fromPrincipal whether the authenticated principal wins over the header
	 */
	public PrincipalOrHeaderUserIdResolver(String header, boolean fromPrincipal) {
		this.header = header;
		this.fromPrincipal = fromPrincipal;
	}

	@Override
	public String resolveUserId(HttpServletRequest request) {
		if (this.fromPrincipal) {
			Principal principal = request.getUserPrincipal();
			if (principal != null && principal.getName() != null) {
				return principal.getName();
			}
		}
		return request.getHeader(this.header);
	}

}
