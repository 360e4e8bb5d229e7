package dev.llmobs.mcp;

import java.util.Map;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracingMcpToolSpecificationsTests {

	private final McpTracingFixture fixture = new McpTracingFixture();

	private static final McpSchema.Tool TOOL = McpSchema.Tool.builder()
		.name("lookup")
		.inputSchema(new McpSchema.JsonSchema("object", Map.of(), null, null, null, null))
		.build();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void syncToolRunsInsideItsServerSpanAndReturnsItsResultUnchanged() {
		McpSchema.CallToolResult expected = McpSchema.CallToolResult.builder().addTextContent("gold").build();
		String[] seenSpan = new String[1];
		McpServerFeatures.SyncToolSpecification traced = TracingMcpToolSpecifications
			.trace(new McpServerFeatures.SyncToolSpecification(TOOL, (exchange, request) -> {
				seenSpan[0] = Span.current().getSpanContext().getSpanId();
				return expected;
			}), this.fixture.tracing, McpEndpoint.HTTP);

		assertThat(traced.callHandler().apply(null, new McpSchema.CallToolRequest("lookup", Map.of(), null)))
			.isSameAs(expected);
		SpanData span = this.fixture.only();
		assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(span.getName()).isEqualTo("tools/call lookup");
		assertThat(seenSpan[0]).isEqualTo(span.getSpanId());
		assertThat(span.getAttributes().get(AttributeKey.stringKey("network.transport"))).isEqualTo("tcp");
	}

	@Test
	void syncToolExceptionPropagatesUnchanged() {
		IllegalArgumentException failure = new IllegalArgumentException("bad customer");
		McpServerFeatures.SyncToolSpecification traced = TracingMcpToolSpecifications
			.trace(new McpServerFeatures.SyncToolSpecification(TOOL, (exchange, request) -> {
				throw failure;
			}), this.fixture.tracing, McpEndpoint.HTTP);
		assertThatThrownBy(
				() -> traced.callHandler().apply(null, new McpSchema.CallToolRequest("lookup", Map.of(), null)))
			.isSameAs(failure);
		assertThat(this.fixture.only().getAttributes().get(AttributeKey.stringKey("error.type")))
			.isEqualTo(IllegalArgumentException.class.getName());
	}

	@Test
	void asyncToolIsTracedUntilItsResultArrives() {
		McpServerFeatures.AsyncToolSpecification traced = TracingMcpToolSpecifications.trace(
				new McpServerFeatures.AsyncToolSpecification(TOOL,
						(exchange, request) -> Mono
							.just(McpSchema.CallToolResult.builder().addTextContent("late").isError(true).build())),
				this.fixture.tracing, McpEndpoint.STDIO);
		Mono<McpSchema.CallToolResult> result = traced.callHandler()
			.apply(null, new McpSchema.CallToolRequest("lookup", Map.of(), null));
		assertThat(this.fixture.spans()).isEmpty();
		assertThat(result.block().isError()).isTrue();
		SpanData span = this.fixture.only();
		assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("tool_error");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("network.transport"))).isEqualTo("pipe");
	}

	@Test
	void wrappingTwiceTracesOnce() {
		McpServerFeatures.SyncToolSpecification once = TracingMcpToolSpecifications.trace(
				new McpServerFeatures.SyncToolSpecification(TOOL,
						(exchange, request) -> McpSchema.CallToolResult.builder().addTextContent("x").build()),
				this.fixture.tracing, McpEndpoint.HTTP);
		assertThat(TracingMcpToolSpecifications.trace(once, this.fixture.tracing, McpEndpoint.HTTP)).isSameAs(once);
	}

}
