package dev.llmobs.mcp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.llmobs.context.OpenTelemetryContextThreadLocalAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracingMcpClientTransportTests {

	private final McpTracingFixture fixture = new McpTracingFixture();

	private final RecordingTransport delegate = new RecordingTransport();

	private final TracingMcpClientTransport transport = new TracingMcpClientTransport(this.delegate,
			this.fixture.tracing, McpEndpoint.HTTP, false);

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private static McpSchema.JSONRPCRequest toolCall(String id, Map<String, Object> meta) {
		return new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", id,
				new McpSchema.CallToolRequest("lookup", Map.of("customer", "alice"), meta));
	}

	@Test
	void requestIsSentWithTheTraceContextInItsMetaAndTracedUntilItsResponse() {
		this.transport.connect((inbound) -> inbound).block();
		McpSchema.JSONRPCRequest request = toolCall("c-1", Map.of("progressToken", "p"));
		Span parent = this.fixture.tracerProvider.get("test").spanBuilder("turn").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			this.transport.sendMessage(request).block();
		}
		McpSchema.JSONRPCRequest sent = (McpSchema.JSONRPCRequest) this.delegate.sent.get(0);
		Map<?, ?> params = (Map<?, ?>) sent.params();
		Map<?, ?> meta = (Map<?, ?>) params.get("_meta");
		assertThat(params.get("name")).isEqualTo("lookup");
		assertThat(params.get("arguments")).isEqualTo(Map.of("customer", "alice"));
		assertThat(meta.get("progressToken")).isEqualTo("p");
		assertThat((String) meta.get("traceparent")).contains(parent.getSpanContext().getTraceId());
		assertThat(request.params()).isInstanceOf(McpSchema.CallToolRequest.class);
		assertThat(((McpSchema.CallToolRequest) request.params()).meta()).containsOnlyKeys("progressToken");
		assertThat(this.fixture.spans()).isEmpty();

		this.delegate.receive(McpSchema.JSONRPCResponse.result("c-1",
				Map.of("content", List.of(Map.of("type", "text", "text", "gold")))));

		SpanData span = this.fixture.only();
		assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
		assertThat(span.getAttributes().get(AttributeKey.stringKey("jsonrpc.request.id"))).isEqualTo("c-1");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("output.value"))).isEqualTo("gold");
		assertThat((String) meta.get("traceparent")).contains(span.getSpanId());
	}

	@Test
	void errorResponseEndsTheSpanWithItsCode() {
		this.transport.connect((inbound) -> inbound).block();
		this.transport.sendMessage(toolCall("c-2", null)).block();
		this.delegate.receive(McpSchema.JSONRPCResponse.error("c-2",
				new McpSchema.JSONRPCResponse.JSONRPCError(-32602, "Unknown tool", null)));
		SpanData span = this.fixture.only();
		assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("-32602");
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
	}

	@Test
	void sendFailurePropagatesUnchangedAndEndsTheSpan() {
		IllegalStateException failure = new IllegalStateException("connection refused");
		this.delegate.failure = failure;
		assertThatThrownBy(() -> this.transport.sendMessage(toolCall("c-3", null)).block()).isSameAs(failure);
		assertThat(this.fixture.only().getAttributes().get(AttributeKey.stringKey("error.type")))
			.isEqualTo(IllegalStateException.class.getName());
	}

	@Test
	void notificationsPassThroughUntouched() {
		McpSchema.JSONRPCNotification notification = new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION,
				"notifications/initialized", null);
		this.transport.sendMessage(notification).block();
		assertThat(this.delegate.sent).containsExactly(notification);
		assertThat(this.fixture.spans()).isEmpty();
	}

	@Test
	void parentInTheReactorContextWins() {
		this.transport.connect((inbound) -> inbound).block();
		Span parent = this.fixture.tracerProvider.get("test").spanBuilder("reactive turn").startSpan();
		this.transport.sendMessage(toolCall("c-4", null))
			.contextWrite(
					(context) -> context.put(OpenTelemetryContextThreadLocalAccessor.KEY, Context.root().with(parent)))
			.block();
		this.delegate.receive(McpSchema.JSONRPCResponse.result("c-4", Map.of("content", List.of())));
		assertThat(this.fixture.only().getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
	}

	@Test
	void closingEndsUnansweredRequests() {
		this.transport.connect((inbound) -> inbound).block();
		this.transport.sendMessage(toolCall("c-5", null)).block();
		this.transport.closeGracefully().block();
		assertThat(this.fixture.only().getAttributes().get(AttributeKey.stringKey("error.type")))
			.isEqualTo("transport_closed");
	}

	/** A transport that records what is sent and delivers responses on demand. */
	static final class RecordingTransport implements McpClientTransport {

		final List<McpSchema.JSONRPCMessage> sent = new CopyOnWriteArrayList<>();

		volatile RuntimeException failure;

		private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler;

		@Override
		public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
			this.handler = handler;
			return Mono.empty();
		}

		void receive(McpSchema.JSONRPCMessage message) {
			this.handler.apply(Mono.just(message)).block();
		}

		@Override
		public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
			if (this.failure != null) {
				return Mono.error(this.failure);
			}
			this.sent.add(message);
			return Mono.empty();
		}

		@Override
		public Mono<Void> closeGracefully() {
			return Mono.empty();
		}

		@Override
		public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
			return McpJsonDefaults.getMapper().convertValue(data, typeRef);
		}

	}

}
