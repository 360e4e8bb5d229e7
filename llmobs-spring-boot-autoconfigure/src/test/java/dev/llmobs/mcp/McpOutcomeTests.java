package dev.llmobs.mcp;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class McpOutcomeTests {

	@Test
	void toolResultWithIsErrorIsAToolError() {
		McpOutcome outcome = McpOutcome
			.ofResult(McpSchema.CallToolResult.builder().addTextContent("no such customer").isError(true).build());
		assertThat(outcome.errorType()).isEqualTo("tool_error");
		assertThat(outcome.statusCode()).isNull();
		assertThat(outcome.description()).isEqualTo("no such customer");
	}

	@Test
	void toolErrorAsReceivedOnTheWireIsAToolError() {
		McpOutcome outcome = McpOutcome
			.ofResult(Map.of("isError", true, "content", List.of(Map.of("type", "text", "text", "boom"))));
		assertThat(outcome.errorType()).isEqualTo("tool_error");
		assertThat(outcome.description()).isEqualTo("boom");
	}

	@Test
	void successfulResultsHaveNoErrorType() {
		assertThat(McpOutcome.ofResult(McpSchema.CallToolResult.builder().addTextContent("ok").build()).isError())
			.isFalse();
		assertThat(McpOutcome.ofResult(Map.of("isError", false)).isError()).isFalse();
		assertThat(McpOutcome.ofResult(Map.of("tools", List.of())).isError()).isFalse();
		assertThat(McpOutcome.ofResult(null).isError()).isFalse();
	}

	@Test
	void jsonRpcErrorIsRecordedByItsCode() {
		McpOutcome outcome = McpOutcome
			.ofError(new McpSchema.JSONRPCResponse.JSONRPCError(-32602, "Unknown tool: nope", null));
		assertThat(outcome.errorType()).isEqualTo("-32602");
		assertThat(outcome.statusCode()).isEqualTo("-32602");
		assertThat(outcome.description()).isEqualTo("Unknown tool: nope");
	}

	@Test
	void failureCarryingAJsonRpcErrorIsThatError() {
		McpError error = new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(-32603, "internal", null));
		assertThat(McpOutcome.ofFailure(error).errorType()).isEqualTo("-32603");
	}

	@Test
	void otherFailuresAreRecordedByClass() {
		McpOutcome outcome = McpOutcome.ofFailure(new java.util.concurrent.TimeoutException("late"));
		assertThat(outcome.errorType()).isEqualTo("java.util.concurrent.TimeoutException");
		assertThat(outcome.statusCode()).isNull();
		assertThat(outcome.description()).isEqualTo("late");
	}

}
