package dev.llmobs.mcp;

import java.net.URI;
import java.util.Locale;

/**
 * How a client reaches its MCP server: what becomes {@code network.transport},
 * {@code network.protocol.name}, {@code server.address} and {@code server.port}.
 *
 * @param networkTransport {@code tcp}, {@code pipe}, or {@code null} when unknown
 * @param protocolName {@code http}, or {@code null}
 * @param serverAddress the server's host, or {@code null}
 * @param serverPort the server's port, or {@code -1}
 */
public record McpEndpoint(String networkTransport, String protocolName, String serverAddress, int serverPort) {

	/** Nothing known about the connection. */
	public static final McpEndpoint UNKNOWN = new McpEndpoint(null, null, null, -1);

	/** A server started as a child process, spoken to over stdin and stdout. */
	public static final McpEndpoint STDIO = new McpEndpoint("pipe", null, null, -1);

	/** A server reached over HTTP, address unknown (as seen by the server itself). */
	public static final McpEndpoint HTTP = new McpEndpoint("tcp", "http", null, -1);

	/**
	 * A server reached over HTTP at a URL.
	 * @param url the server's URL
	 * @return the endpoint
	 */
	public static McpEndpoint http(URI url) {
		String host = url.getHost();
		int port = url.getPort();
		if (port < 0 && url.getScheme() != null) {
			port = "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
		}
		return new McpEndpoint("tcp", "http", (host != null) ? host.toLowerCase(Locale.ROOT) : null,
				(host != null) ? port : -1);
	}

}
