package dev.llmobs.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the session id from a request header.
 */
public final class HeaderSessionIdResolver implements SessionIdResolver {

	private final String header;

	/**
	 * Creates the resolver.
	 * @param header the header name, such as {@code X-Session-Id}
	 */
	public HeaderSessionIdResolver(String header) {
		this.header = header;
	}

	@Override
	public String resolveSessionId(HttpServletRequest request) {
		return request.getHeader(this.header);
	}

}
