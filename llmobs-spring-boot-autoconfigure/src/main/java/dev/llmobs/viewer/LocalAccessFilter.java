package dev.llmobs.viewer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the pages that show captured content (the trace viewer and the {@code llmobs}
 * actuator endpoint) the way the H2 console guards itself: a request is answered only
 * when it comes from the loopback address, unless remote access is allowed or the request
 * was authenticated (a user principal set by Spring Security or the container, which
 * means the application protects the path). A remote request gets {@code 403} with a
 * message naming the property that allows it.
 * <p>
 * A request whose {@code Forwarded} or {@code X-Forwarded-For} header names a client that
 * is not loopback counts as remote even when it arrives from a proxy on the same host.
 * Every response also carries security headers, the same whether the request is answered
 * or refused.
 */
public final class LocalAccessFilter extends OncePerRequestFilter {

	/** The property that lets remote requests through. */
	public static final String ALLOW_REMOTE_PROPERTY = "llmobs.viewer.allow-remote";

	/**
	 * The viewer's policy: scripts, styles, images and requests only from the page's own
	 * origin, no inline code, no framing, no plugins, no form posts, no base changes.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private final boolean allowRemote;

	private final String what;

	private final Map<String, String> headers;

	private final java.util.Set<String> openPaths;

	/**
	 * Creates a filter.
	 * @param allowRemote whether remote requests are answered anyway
	 * @param what what the guarded path is, for the refusal message (such as "the llmobs
	 * trace viewer")
	 * @param headers the headers set on every response
	 */
	public LocalAccessFilter(boolean allowRemote, String what, Map<String, String> headers) {
		this(allowRemote, what, headers, java.util.Set.of());
	}

	/**
	 * Creates a filter that leaves some paths under the guarded one alone.
	 * @param allowRemote whether remote requests are answered anyway
	 * @param what what the guarded path is, for the refusal message
	 * @param headers the headers set on every response
	 * @param openPaths paths (below the context path) meant for remote callers, such as
	 * the feedback endpoint a front end posts to
	 */
	public LocalAccessFilter(boolean allowRemote, String what, Map<String, String> headers,
			java.util.Set<String> openPaths) {
		this.allowRemote = allowRemote;
		this.what = what;
		this.headers = Map.copyOf(headers);
		this.openPaths = java.util.Set.copyOf(openPaths);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (this.openPaths.isEmpty()) {
			return false;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return this.openPaths.contains(path);
	}

	/**
	 * The headers for the trace viewer's responses.
	 * @return {@code X-Content-Type-Options}, {@code Content-Security-Policy},
	 * {@code Referrer-Policy}, {@code X-Frame-Options} and {@code Cache-Control}
	 */
	public static Map<String, String> viewerHeaders() {
		return Map.of("X-Content-Type-Options", "nosniff", "Content-Security-Policy", CONTENT_SECURITY_POLICY,
				"Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY", "Cache-Control", "no-store");
	}

	/**
	 * The headers for the actuator endpoint's JSON responses.
	 * @return {@code X-Content-Type-Options}, {@code Referrer-Policy} and
	 * {@code Cache-Control}
	 */
	public static Map<String, String> endpointHeaders() {
		return Map.of("X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer", "Cache-Control",
				"no-store");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.headers.forEach(response::setHeader);
		if (this.allowRemote || isAuthenticated(request) || isLocal(request)) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"status\":403,\"error\":\"Forbidden\",\"message\":\"" + this.what
					+ " answers only local requests: it shows captured prompts and answers. Secure the path with"
					+ " Spring Security, or set " + ALLOW_REMOTE_PROPERTY + "=true to allow remote requests.\"}");
	}

	private static boolean isAuthenticated(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		return principal != null;
	}

	static boolean isLocal(HttpServletRequest request) {
		if (!isLoopback(request.getRemoteAddr())) {
			return false;
		}
		return forwardedClientsAreLoopback(request.getHeaders("X-Forwarded-For"), false)
				&& forwardedClientsAreLoopback(request.getHeaders("Forwarded"), true);
	}

	private static boolean forwardedClientsAreLoopback(Enumeration<String> values, boolean rfc7239) {
		if (values == null) {
			return true;
		}
		while (values.hasMoreElements()) {
			for (String element : values.nextElement().split(",")) {
				String client = rfc7239 ? forClient(element) : element.trim();
				if (client != null && !isLoopback(client)) {
					return false;
				}
			}
		}
		return true;
	}

	/** The {@code for=} node of one RFC 7239 element, or {@code null}. */
	private static String forClient(String element) {
		for (String pair : element.split(";")) {
			String trimmed = pair.trim();
			if (trimmed.toLowerCase(Locale.ROOT).startsWith("for=")) {
				String node = trimmed.substring(4).replace("\"", "");
				if (node.startsWith("[")) {
					int end = node.indexOf(']');
					return (end > 0) ? node.substring(1, end) : node;
				}
				int port = node.indexOf(':');
				return (port > 0) ? node.substring(0, port) : node;
			}
		}
		return null;
	}

	/**
	 * Whether an address is a loopback IP literal; anything else, including a name that
	 * would need a DNS lookup, is not.
	 */
	static boolean isLoopback(String address) {
		if (address == null || address.isEmpty()) {
			return false;
		}
		String literal = address.trim();
		if (literal.startsWith("[") && literal.endsWith("]")) {
			literal = literal.substring(1, literal.length() - 1);
		}
		if (!isIpLiteral(literal)) {
			return false;
		}
		try {
			// an IP literal is parsed, never looked up
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static boolean isIpLiteral(String text) {
		if (text.isEmpty()) {
			return false;
		}
		boolean colon = text.indexOf(':') >= 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean ok = (c >= '0' && c <= '9') || c == '.' || (colon && (c == ':' || c == '%' || (c >= 'a' && c <= 'f')
					|| (c >= 'A' && c <= 'F') || Character.isLetterOrDigit(c)));
			if (!ok) {
				return false;
			}
		}
		return true;
	}

}
