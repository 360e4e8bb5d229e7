package dev.llmobs.mcp;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * How an MCP operation ended, in the terms of the OpenTelemetry MCP conventions: no
 * {@code error.type} on success; the JSON-RPC error code for an error response (also
 * {@code rpc.response.status_code}); {@code tool_error} for a tool result with
 * {@code isError: true}; the exception's class for a failure without a response.
 *
 * @param errorType the {@code error.type}, or {@code null} on success
 * @param statusCode the JSON-RPC error code, or {@code null}
 * @param description the status description (the error message), or {@code null}
 */
public record McpOutcome(String errorType, String statusCode, String description) {

	/** A success. */
	public static final McpOutcome OK = new McpOutcome(null, null, null);

	/**
	 * The outcome of a result: a {@link McpSchema.CallToolResult} or its JSON map with
	 * {@code isError: true} is a {@code tool_error}, anything else a success.
	 * @param result the result, typed or as received
	 * @return the outcome
	 */
	public static McpOutcome ofResult(Object result) {
		if (result instanceof McpSchema.CallToolResult toolResult) {
			return Boolean.TRUE.equals(toolResult.isError())
					? new McpOutcome(McpAttributes.TOOL_ERROR, null, firstText(toolResult.content())) : OK;
		}
		if (result instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("isError"))) {
			return new McpOutcome(McpAttributes.TOOL_ERROR, null, firstText(map.get("content")));
		}
		return OK;
	}

	/**
	 * The outcome of a JSON-RPC error response.
	 * @param error the error
	 * @return the outcome, its type the error code
	 */
	public static McpOutcome ofError(McpSchema.JSONRPCResponse.JSONRPCError error) {
		String code = String.valueOf(error.code());
		return new McpOutcome(code, code, error.message());
	}

	/**
	 * The outcome of a failure: an {@link McpError} carrying a JSON-RPC error is that
	 * error, anything else its class name.
	 * @param failure the failure
	 * @return the outcome
	 */
	public static McpOutcome ofFailure(Throwable failure) {
		if (failure instanceof McpError mcpError && mcpError.getJsonRpcError() != null) {
			return ofError(mcpError.getJsonRpcError());
		}
		return new McpOutcome(failure.getClass().getName(), null, failure.getMessage());
	}

	/**
	 * Whether the operation failed.
	 * @return {@code true} when there is an {@code error.type}
	 */
	public boolean isError() {
		return this.errorType != null;
	}

	private static String firstText(Object content) {
		if (content instanceof List<?> items && !items.isEmpty()) {
			Object first = items.get(0);
			if (first instanceof McpSchema.TextContent text) {
				return text.text();
			}
			if (first instanceof Map<?, ?> map && map.get("text") instanceof String text) {
				return text;
			}
		}
		return null;
	}

}
