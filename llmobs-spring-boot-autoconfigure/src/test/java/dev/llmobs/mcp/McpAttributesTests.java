package dev.llmobs.mcp;

import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.incubating.JsonrpcIncubatingAttributes;
import io.opentelemetry.semconv.incubating.McpIncubatingAttributes;
import io.opentelemetry.semconv.incubating.McpIncubatingMetrics;
import io.opentelemetry.semconv.incubating.RpcIncubatingAttributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every MCP key and metric name is the OpenTelemetry semantic conventions' own.
 */
class McpAttributesTests {

	@Test
	void keysAreTheSemanticConventions() {
		assertThat(McpAttributes.MCP_METHOD_NAME).isEqualTo(McpIncubatingAttributes.MCP_METHOD_NAME);
		assertThat(McpAttributes.MCP_SESSION_ID).isEqualTo(McpIncubatingAttributes.MCP_SESSION_ID);
		assertThat(McpAttributes.MCP_PROTOCOL_VERSION).isEqualTo(McpIncubatingAttributes.MCP_PROTOCOL_VERSION);
		assertThat(McpAttributes.MCP_RESOURCE_URI).isEqualTo(McpIncubatingAttributes.MCP_RESOURCE_URI);
		assertThat(McpAttributes.JSONRPC_REQUEST_ID).isEqualTo(JsonrpcIncubatingAttributes.JSONRPC_REQUEST_ID);
		assertThat(McpAttributes.RPC_RESPONSE_STATUS_CODE).isEqualTo(RpcIncubatingAttributes.RPC_RESPONSE_STATUS_CODE);
		assertThat(McpAttributes.NETWORK_TRANSPORT).isEqualTo(NetworkAttributes.NETWORK_TRANSPORT);
		assertThat(McpAttributes.NETWORK_PROTOCOL_NAME).isEqualTo(NetworkAttributes.NETWORK_PROTOCOL_NAME);
		assertThat(McpAttributes.SERVER_ADDRESS).isEqualTo(ServerAttributes.SERVER_ADDRESS);
		assertThat(McpAttributes.SERVER_PORT).isEqualTo(ServerAttributes.SERVER_PORT);
	}

	@Test
	void metricNamesAreTheSemanticConventions() {
		assertThat(McpAttributes.CLIENT_OPERATION_DURATION)
			.isEqualTo(McpIncubatingMetrics.MCP_CLIENT_OPERATION_DURATION_NAME);
		assertThat(McpAttributes.SERVER_OPERATION_DURATION)
			.isEqualTo(McpIncubatingMetrics.MCP_SERVER_OPERATION_DURATION_NAME);
	}

}
