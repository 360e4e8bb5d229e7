package dev.llmobs.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import dev.llmobs.context.LlmObsContext;

/**
 * Sends the session and user as W3C {@code baggage} to the configured hosts only
 * ({@code llmobs.web.propagate=true} and {@code llmobs.web.propagate-hosts}); every other
 * host, a model provider above all, never receives them.
 */
public final class SessionBaggageInterceptor implements ClientHttpRequestInterceptor {

	private static final String BAGGAGE = "baggage";

	private final Set<String> allowedHosts;

	/**
	 * Creates the interceptor.
	 * @param allowedHosts the host names that may receive the session and user
	 */
	public SessionBaggageInterceptor(Set<String> allowedHosts) {
		this.allowedHosts = allowedHosts.stream()
			.map((host) -> host.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String host = request.getURI().getHost();
		LlmObsContext context = LlmObsContext.current();
		if (host != null && this.allowedHosts.contains(host.toLowerCase(Locale.ROOT)) && !context.isEmpty()) {
			String entries = entries(context);
			if (!entries.isEmpty()) {
				String existing = request.getHeaders().getFirst(BAGGAGE);
				request.getHeaders().set(BAGGAGE, (existing != null) ? existing + "," + entries : entries);
			}
		}
		return execution.execute(request, body);
	}

	private static String entries(LlmObsContext context) {
		StringBuilder entries = new StringBuilder();
		append(entries, "session.id", context.sessionId());
		append(entries, "user.id", context.userId());
		return entries.toString();
	}

	private static void append(StringBuilder entries, String key, String value) {
		if (value != null) {
			entries.append(entries.isEmpty() ? "" : ",")
				.append(key)
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
	}

}
