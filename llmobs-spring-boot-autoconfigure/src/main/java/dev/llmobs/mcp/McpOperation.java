package dev.llmobs.mcp;

import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * What one MCP request is about, read from its method and params: the target that names
 * the span ({@code tools/call get-weather}) and the arguments that become its input.
 *
 * @param method the JSON-RPC method ({@code mcp.method.name})
 * @param requestId the JSON-RPC id as a string, or {@code null} for a notification
 * @param toolName the tool of {@code tools/call}, or {@code null}
 * @param promptName the prompt of {@code prompts/get}, or {@code null}
 * @param resourceUri the resource of {@code resources/*}, or {@code null}
 * @param arguments the tool's or prompt's arguments, or {@code null}
 */
public record McpOperation(String method, String requestId, String toolName, String promptName, String resourceUri,
		Object arguments) {

	/**
	 * Reads a request's params, typed (the SDK's request records) or as sent on the wire
	 * (maps).
	 * @param method the JSON-RPC method
	 * @param requestId the JSON-RPC id, or {@code null}
	 * @param params the params, possibly {@code null}
	 * @return the operation
	 */
	public static McpOperation of(String method, Object requestId, Object params) {
		String id = (requestId != null) ? String.valueOf(requestId) : null;
		if (params instanceof McpSchema.CallToolRequest call) {
			return new McpOperation(method, id, call.name(), null, null, call.arguments());
		}
		if (params instanceof McpSchema.GetPromptRequest prompt) {
			return new McpOperation(method, id, null, prompt.name(), null, prompt.arguments());
		}
		if (params instanceof McpSchema.ReadResourceRequest read) {
			return new McpOperation(method, id, null, null, read.uri(), null);
		}
		if (params instanceof McpSchema.SubscribeRequest subscribe) {
			return new McpOperation(method, id, null, null, subscribe.uri(), null);
		}
		if (params instanceof McpSchema.UnsubscribeRequest unsubscribe) {
			return new McpOperation(method, id, null, null, unsubscribe.uri(), null);
		}
		if (params instanceof Map<?, ?> map) {
			return switch (method) {
				case McpSchema.METHOD_TOOLS_CALL ->
					new McpOperation(method, id, text(map.get("name")), null, null, map.get("arguments"));
				case McpSchema.METHOD_PROMPT_GET ->
					new McpOperation(method, id, null, text(map.get("name")), null, map.get("arguments"));
				case McpSchema.METHOD_RESOURCES_READ, McpSchema.METHOD_RESOURCES_SUBSCRIBE,
						McpSchema.METHOD_RESOURCES_UNSUBSCRIBE ->
					new McpOperation(method, id, null, null, text(map.get("uri")), null);
				default -> new McpOperation(method, id, null, null, null, null);
			};
		}
		return new McpOperation(method, id, null, null, null, null);
	}

	/**
	 * Whether this is a tool call, recorded as a {@code TOOL} span.
	 * @return {@code true} for {@code tools/call}
	 */
	public boolean isToolCall() {
		return McpSchema.METHOD_TOOLS_CALL.equals(this.method);
	}

	/**
	 * The span name: {@code {mcp.method.name} {target}}, the target being the tool or
	 * prompt name; the resource URI is left out (high cardinality).
	 * @return the span name
	 */
	public String spanName() {
		String target = (this.toolName != null) ? this.toolName : this.promptName;
		return (target != null && !target.isEmpty()) ? this.method + " " + target : this.method;
	}

	private static String text(Object value) {
		return (value instanceof String text) ? text : null;
	}

}
