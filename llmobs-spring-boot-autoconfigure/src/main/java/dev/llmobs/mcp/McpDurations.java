package dev.llmobs.mcp;

/**
 * Told the duration of every traced MCP operation, for the
 * {@code mcp.client.operation.duration} and {@code mcp.server.operation.duration}
 * histograms.
 */
@FunctionalInterface
public interface McpDurations {

	/** Records nothing. */
	McpDurations NONE = (server, operation, networkTransport, errorType, seconds) -> {
	};

	/**
	 * Records one operation.
	 * @param server {@code true} on the server, {@code false} on the client
	 * @param operation the operation
	 * @param networkTransport {@code tcp}, {@code pipe} or {@code null}
	 * @param errorType the {@code error.type}, or {@code null} on success
	 * @param seconds the duration
	 */
	void record(boolean server, McpOperation operation, String networkTransport, String errorType, double seconds);

}
