package dev.llmobs.testsupport;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the receiver saw it, answered or not.
 *
 * @param method the HTTP method
 * @param path the request path
 * @param headers the request headers, names in lower case
 * @param status the status the receiver answered, or 0 while unanswered
 */
public record ReceivedRequest(String method, String path, Map<String, List<String>> headers, int status) {

	/**
	 * The first value of a header.
	 * @param name the header name, any case
	 * @return the value, or {@code null}
	 */
	public String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
