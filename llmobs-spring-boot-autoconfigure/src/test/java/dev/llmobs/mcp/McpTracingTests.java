package dev.llmobs.mcp;

import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmobs.context.LlmObsContext;
import dev.llmobs.trace.Convention;

import static org.assertj.core.api.Assertions.assertThat;

class McpTracingTests {

	private final McpTracingFixture fixture = new McpTracingFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private static McpOperation toolCall(String tool, Map<String, Object> arguments) {
		return McpOperation.of("tools/call", "s1-4", new McpSchema.CallToolRequest(tool, arguments, null));
	}

	@Test
	void requestAttributesFollowTheMcpConventions() {
		Attributes attributes = McpTracing.requestAttributes(toolCall("get-weather", Map.of()),
				McpEndpoint.http(URI.create("http://Weather.example:8081/mcp")), "2025-06-18", "sess-1");
		assertThat(attributes.asMap()).containsEntry(AttributeKey.stringKey("mcp.method.name"), "tools/call")
			.containsEntry(AttributeKey.stringKey("jsonrpc.request.id"), "s1-4")
			.containsEntry(AttributeKey.stringKey("mcp.protocol.version"), "2025-06-18")
			.containsEntry(AttributeKey.stringKey("mcp.session.id"), "sess-1")
			.containsEntry(AttributeKey.stringKey("gen_ai.tool.name"), "get-weather")
			.containsEntry(AttributeKey.stringKey("gen_ai.operation.name"), "execute_tool")
			.containsEntry(AttributeKey.stringKey("network.transport"), "tcp")
			.containsEntry(AttributeKey.stringKey("network.protocol.name"), "http")
			.containsEntry(AttributeKey.stringKey("server.address"), "weather.example")
			.containsEntry(AttributeKey.longKey("server.port"), 8081L);
	}

	@Test
	void onlyToolCallsAreExecuteToolOperations() {
		Attributes list = McpTracing.requestAttributes(McpOperation.of("tools/list", 1, null), McpEndpoint.STDIO, null,
				null);
		assertThat(list.get(AttributeKey.stringKey("gen_ai.operation.name"))).isNull();
		assertThat(list.get(AttributeKey.stringKey("network.transport"))).isEqualTo("pipe");
		assertThat(list.get(AttributeKey.stringKey("server.address"))).isNull();
		Attributes read = McpTracing.requestAttributes(
				McpOperation.of("resources/read", 2, new McpSchema.ReadResourceRequest("file:///a.txt")),
				McpEndpoint.STDIO, null, null);
		assertThat(read.get(AttributeKey.stringKey("mcp.resource.uri"))).isEqualTo("file:///a.txt");
	}

	@Test
	void httpEndpointWithoutPortUsesTheSchemesDefault() {
		assertThat(McpEndpoint.http(URI.create("https://tools.example/mcp")).serverPort()).isEqualTo(443);
		assertThat(McpEndpoint.http(URI.create("http://tools.example/mcp")).serverPort()).isEqualTo(80);
	}

	@Test
	void clientToolCallIsAToolSpanWithCapturedRedactedArgumentsAndResult() {
		McpCall call = this.fixture.tracing.startClient(Context.root(),
				toolCall("charge", Map.of("card", "4111 1111 1111 1111", "amount", 12)), McpEndpoint.HTTP,
				"2025-06-18");
		call.sessionId("sess-9");
		call.end(Map.of("content", List.of(Map.of("type", "text", "text", "charged")), "isError", false));

		SpanData span = this.fixture.only();
		assertThat(span.getName()).isEqualTo("tools/call charge");
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		Map<AttributeKey<?>, Object> attributes = span.getAttributes().asMap();
		assertThat(attributes).containsEntry(AttributeKey.stringKey("openinference.span.kind"), "TOOL")
			.containsEntry(AttributeKey.stringKey("llmobs.span.kind"), "tool")
			.containsEntry(AttributeKey.stringKey("tool.name"), "charge")
			.containsEntry(AttributeKey.stringKey("mcp.session.id"), "sess-9")
			.containsEntry(AttributeKey.stringKey("output.value"), "charged")
			.containsEntry(AttributeKey.stringKey("output.mime_type"), "text/plain")
			.containsEntry(AttributeKey.stringKey("input.mime_type"), "application/json");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("input.value"))).contains("[REDACTED:credit-card]")
			.contains("\"amount\":12")
			.doesNotContain("4111");
		assertThat(this.fixture.durations)
			.containsExactly(new McpTracingFixture.Duration(false, "tools/call", "charge", "tcp", null));
	}

	@Test
	void toolErrorResultMarksTheSpanAndTheMetric() {
		McpCall call = this.fixture.tracing.startClient(Context.root(), toolCall("charge", Map.of()), McpEndpoint.HTTP,
				null);
		call.end(McpSchema.CallToolResult.builder().addTextContent("card declined").isError(true).build());

		SpanData span = this.fixture.only();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getStatus().getDescription()).isEqualTo("card declined");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("tool_error");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("output.value"))).isEqualTo("card declined");
		assertThat(this.fixture.durations).extracting(McpTracingFixture.Duration::errorType)
			.containsExactly("tool_error");
	}

	@Test
	void jsonRpcErrorResponseRecordsItsCode() {
		McpCall call = this.fixture.tracing.startClient(Context.root(), toolCall("nope", Map.of()), McpEndpoint.HTTP,
				null);
		call.endWith(McpOutcome.ofError(new McpSchema.JSONRPCResponse.JSONRPCError(-32602, "Unknown tool", null)));
		SpanData span = this.fixture.only();
		assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("-32602");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("rpc.response.status_code"))).isEqualTo("-32602");
		assertThat(span.getStatus().getDescription()).isEqualTo("Unknown tool");
	}

	@Test
	void callEndsOnce() {
		McpCall call = this.fixture.tracing.startClient(Context.root(), toolCall("t", Map.of()), McpEndpoint.HTTP,
				null);
		call.end(Map.of("content", List.of()));
		call.fail(new IllegalStateException("late"));
		call.endWith(McpOutcome.OK);
		assertThat(this.fixture.spans()).hasSize(1);
		assertThat(this.fixture.durations).hasSize(1);
	}

	@Test
	void longArgumentsAreTruncated() {
		try (McpTracingFixture small = new McpTracingFixture(true, 50,
				EnumSet.of(Convention.OPENINFERENCE, Convention.GEN_AI))) {
			McpCall call = small.tracing.startClient(Context.root(), toolCall("t", Map.of("q", "x".repeat(10_000))),
					McpEndpoint.HTTP, null);
			call.end(Map.of("content", List.of()));
			assertThat(small.only().getAttributes().get(AttributeKey.stringKey("input.value"))).hasSizeLessThan(100)
				.contains("[truncated");
		}
	}

	@Test
	void captureSwitchedOffRecordsNoContent() {
		try (McpTracingFixture noCapture = new McpTracingFixture(false, 200,
				EnumSet.of(Convention.OPENINFERENCE, Convention.GEN_AI))) {
			McpCall call = noCapture.tracing.startClient(Context.root(), toolCall("t", Map.of("q", "secret plan")),
					McpEndpoint.HTTP, null);
			call.end(Map.of("content", List.of(Map.of("type", "text", "text", "result"))));
			SpanData span = noCapture.only();
			assertThat(span.getAttributes().get(AttributeKey.stringKey("input.value"))).isNull();
			assertThat(span.getAttributes().get(AttributeKey.stringKey("output.value"))).isNull();
			assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("t");
		}
	}

	@Test
	void metaCarriesTheTraceContextAndKeepsTheRequestsOwnEntries() {
		McpCall call = this.fixture.tracing.startClient(Context.root(), toolCall("t", Map.of()), McpEndpoint.HTTP,
				null);
		Map<String, Object> meta = this.fixture.tracing.meta(call.context(), Map.of("progressToken", "p-1"), false);
		String spanId = call.span().getSpanContext().getSpanId();
		assertThat(meta).containsEntry("progressToken", "p-1");
		assertThat((String) meta.get("traceparent")).startsWith("00-" + call.span().getSpanContext().getTraceId())
			.contains(spanId);
	}

	@Test
	void sessionAndUserTravelOnlyWhenAllowed() {
		Context context = LlmObsContext.EMPTY.withSession("s-1").withUser("u-1").storeIn(Context.root());
		McpCall call = this.fixture.tracing.startClient(context, toolCall("t", Map.of()), McpEndpoint.HTTP, null);
		assertThat(this.fixture.tracing.meta(call.context(), null, false)).doesNotContainKey("baggage");
		assertThat((String) this.fixture.tracing.meta(call.context(), null, true).get("baggage"))
			.contains("session.id=s-1")
			.contains("user.id=u-1");
	}

	@Test
	void serverSpanContinuesTheClientsTraceAndAdoptsItsSession() {
		Context context = LlmObsContext.EMPTY.withSession("s-1").storeIn(Context.root());
		McpCall client = this.fixture.tracing.startClient(context, toolCall("t", Map.of("a", 1)), McpEndpoint.HTTP,
				null);
		Map<String, Object> meta = this.fixture.tracing.meta(client.context(), null, true);

		Span ambient = this.fixture.tracerProvider.get("test").spanBuilder("http post /mcp").startSpan();
		McpCall server;
		try (Scope scope = ambient.makeCurrent()) {
			server = this.fixture.tracing.startServer(
					McpOperation.of("tools/call", null, new McpSchema.CallToolRequest("t", Map.of("a", 1), meta)), meta,
					"sess-1", McpEndpoint.HTTP);
		}
		assertThat(LlmObsContext.from(server.context()).sessionId()).isEqualTo("s-1");
		server.end(McpSchema.CallToolResult.builder().addTextContent("ok").build());
		client.end(Map.of("content", List.of()));
		ambient.end();

		SpanData serverSpan = this.fixture.spans()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER)
			.findFirst()
			.orElseThrow();
		assertThat(serverSpan.getParentSpanId()).isEqualTo(client.span().getSpanContext().getSpanId());
		assertThat(serverSpan.getTraceId()).isEqualTo(client.span().getSpanContext().getTraceId());
		assertThat(serverSpan.getLinks()).extracting((link) -> link.getSpanContext().getSpanId())
			.containsExactly(ambient.getSpanContext().getSpanId());
		assertThat(serverSpan.getAttributes().get(AttributeKey.stringKey("mcp.session.id"))).isEqualTo("sess-1");
		assertThat(this.fixture.durations).extracting(McpTracingFixture.Duration::server).contains(true, false);
	}

	@Test
	void invalidSessionInBaggageIsIgnored() {
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("baggage", "session.id=" + "x".repeat(500));
		McpCall server = this.fixture.tracing.startServer(McpOperation.of("tools/call", null, Map.of("name", "t")),
				meta, null, McpEndpoint.HTTP);
		assertThat(LlmObsContext.from(server.context()).sessionId()).isNull();
		server.end(Map.of());
	}

	@Test
	void serverWithoutMetaUsesTheCurrentContext() {
		Span ambient = this.fixture.tracerProvider.get("test").spanBuilder("ambient").startSpan();
		McpCall server;
		try (Scope scope = ambient.makeCurrent()) {
			server = this.fixture.tracing.startServer(McpOperation.of("tools/call", null, Map.of("name", "t")), null,
					null, McpEndpoint.STDIO);
		}
		server.end(Map.of());
		ambient.end();
		SpanData span = this.fixture.spans().get(0);
		assertThat(span.getParentSpanId()).isEqualTo(ambient.getSpanContext().getSpanId());
		assertThat(span.getLinks()).isEmpty();
	}

}
