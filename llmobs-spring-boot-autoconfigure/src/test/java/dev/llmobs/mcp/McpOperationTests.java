package dev.llmobs.mcp;

import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class McpOperationTests {

	@Test
	void toolCallIsNamedAfterItsTool() {
		McpOperation operation = McpOperation.of("tools/call", "abc-3",
				new McpSchema.CallToolRequest("get-weather", Map.of("city", "Oslo"), null));
		assertThat(operation.spanName()).isEqualTo("tools/call get-weather");
		assertThat(operation.isToolCall()).isTrue();
		assertThat(operation.requestId()).isEqualTo("abc-3");
		assertThat(operation.arguments()).isEqualTo(Map.of("city", "Oslo"));
	}

	@Test
	void toolCallAsReceivedOnTheWireIsReadAlike() {
		McpOperation operation = McpOperation.of("tools/call", 7,
				Map.of("name", "get-weather", "arguments", Map.of("city", "Oslo")));
		assertThat(operation.spanName()).isEqualTo("tools/call get-weather");
		assertThat(operation.requestId()).isEqualTo("7");
		assertThat(operation.arguments()).isEqualTo(Map.of("city", "Oslo"));
	}

	@Test
	void promptIsTheTargetOfPromptsGet() {
		McpOperation operation = McpOperation.of("prompts/get", 1,
				new McpSchema.GetPromptRequest("analyze-code", Map.of()));
		assertThat(operation.spanName()).isEqualTo("prompts/get analyze-code");
		assertThat(operation.promptName()).isEqualTo("analyze-code");
		assertThat(operation.isToolCall()).isFalse();
	}

	@Test
	void resourceUriIsRecordedButNeverNamesTheSpan() {
		McpOperation operation = McpOperation.of("resources/read", 1,
				new McpSchema.ReadResourceRequest("file:///home/report.pdf"));
		assertThat(operation.spanName()).isEqualTo("resources/read");
		assertThat(operation.resourceUri()).isEqualTo("file:///home/report.pdf");
	}

	@Test
	void methodsWithoutTargetAreNamedByTheMethod() {
		assertThat(McpOperation.of("tools/list", 1, null).spanName()).isEqualTo("tools/list");
		assertThat(McpOperation.of("initialize", 0, Map.of("protocolVersion", "2025-06-18")).spanName())
			.isEqualTo("initialize");
		assertThat(McpOperation.of("notifications/initialized", null, null).requestId()).isNull();
	}

}
