package dev.llmobs.mcp;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys of the OpenTelemetry MCP semantic conventions that no LLM convention
 * writes: they are transport facts, written on every MCP span whatever
 * {@code llmobs.conventions} selects.
 */
public final class McpAttributes {

	/** The JSON-RPC method, such as {@code tools/call}. */
	public static final AttributeKey<String> MCP_METHOD_NAME = AttributeKey.stringKey("mcp.method.name");

	/** The MCP session ({@code Mcp-Session-Id} over Streamable HTTP). */
	public static final AttributeKey<String> MCP_SESSION_ID = AttributeKey.stringKey("mcp.session.id");

	/** The negotiated protocol version, such as {@code 2025-06-18}. */
	public static final AttributeKey<String> MCP_PROTOCOL_VERSION = AttributeKey.stringKey("mcp.protocol.version");

	/** The resource of {@code resources/read}, {@code resources/subscribe}, ... */
	public static final AttributeKey<String> MCP_RESOURCE_URI = AttributeKey.stringKey("mcp.resource.uri");

	/** The JSON-RPC request id, as a string. */
	public static final AttributeKey<String> JSONRPC_REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");

	/** The JSON-RPC error code of an error response, as a string. */
	public static final AttributeKey<String> RPC_RESPONSE_STATUS_CODE = AttributeKey
		.stringKey("rpc.response.status_code");

	/** {@code tcp} over HTTP, {@code pipe} over stdio. */
	public static final AttributeKey<String> NETWORK_TRANSPORT = AttributeKey.stringKey("network.transport");

	/** {@code http} over Streamable HTTP or SSE. */
	public static final AttributeKey<String> NETWORK_PROTOCOL_NAME = AttributeKey.stringKey("network.protocol.name");

	/** The server's host name, on the client. */
	public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");

	/** The server's port, on the client. */
	public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

	/** {@code error.type} of a tool call whose result has {@code isError: true}. */
	public static final String TOOL_ERROR = "tool_error";

	/** The client span's histogram, in seconds. */
	public static final String CLIENT_OPERATION_DURATION = "mcp.client.operation.duration";

	/** The server span's histogram, in seconds. */
	public static final String SERVER_OPERATION_DURATION = "mcp.server.operation.duration";

	private McpAttributes() {
	}

}
