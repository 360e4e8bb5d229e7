package dev.llmobs.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.llmobs.LlmObs;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.annotation.LlmTool;
import dev.llmobs.testsupport.OtlpReceiverProperties;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real MCP server (Spring AI's WebMVC MCP server starter on a random port) and Spring
 * AI's MCP clients, sync and async, in one JVM, each application exporting over real
 * OTLP/HTTP: a tool call is one trace across both sides, the server's spans children of
 * the client's call span through {@code params._meta}.
 */
@OtlpReceiverTest(clearBeforeEach = false)
class McpTracingIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** The {@code _meta} of every tool call the server received. */
	static final Queue<Map<String, Object>> receivedMeta = new ConcurrentLinkedQueue<>();

	static ConfigurableApplicationContext server;

	static ConfigurableApplicationContext syncClient;

	static ConfigurableApplicationContext asyncClient;

	static int port;

	@BeforeAll
	static void start(OtlpTestReceiver receiver) {
		server = run(McpServerApp.class, receiver, "spring.application.name=mcp-server", "server.port=0",
				"spring.ai.mcp.client.enabled=false", "spring.ai.mcp.server.protocol=STREAMABLE",
				"spring.ai.mcp.server.name=plans");
		port = ((WebServerApplicationContext) server).getWebServer().getPort();
		String url = "spring.ai.mcp.client.streamable-http.connections.plans.url=http://localhost:" + port;
		syncClient = run(McpClientApp.class, receiver, "spring.application.name=mcp-sync-client",
				"spring.main.web-application-type=none", "spring.ai.mcp.server.enabled=false", url,
				"llmobs.web.propagate=true", "llmobs.web.propagate-hosts=localhost");
		asyncClient = run(McpClientApp.class, receiver, "spring.application.name=mcp-async-client",
				"spring.main.web-application-type=none", "spring.ai.mcp.server.enabled=false", url,
				"spring.ai.mcp.client.type=ASYNC");
	}

	private static ConfigurableApplicationContext run(Class<?> app, OtlpTestReceiver receiver, String... properties) {
		String[] args = Stream.concat(Stream.of(OtlpReceiverProperties.asArguments(receiver)), Stream.of(properties))
			.map((property) -> "--" + property)
			.toArray(String[]::new);
		return SpringApplication.run(app, args);
	}

	@AfterAll
	static void stop() {
		Stream.of(asyncClient, syncClient, server)
			.filter(Objects::nonNull)
			.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void syncToolCallIsOneTraceAcrossClientAndServer(OtlpTestReceiver receiver) {
		McpSyncClient client = syncClients().get(0);
		Span turn = tracer(syncClient).spanBuilder("agent turn").startSpan();
		McpSchema.CallToolResult result;
		try (Scope scope = turn.makeCurrent(); LlmObsScope session = LlmObs.session("session-42")) {
			result = client.callTool(new McpSchema.CallToolRequest("lookup-plan",
					Map.of("customer", "alice", "card", "4111 1111 1111 1111"), null));
		}
		finally {
			turn.end();
		}
		assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("gold");
		String traceId = turn.getSpanContext().getTraceId();

		// the server's HTTP span ends after the MCP spans and may come in a later batch
		List<ReceivedSpan> trace = receiver.awaitSpans((spans) -> {
			List<ReceivedSpan> inTrace = spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
			return inTrace.stream()
				.map(ReceivedSpan::name)
				.toList()
				.containsAll(List.of("agent turn", "tools/call lookup-plan", "CustomerPlans.planOf"))
					&& inTrace.stream().anyMatch(McpTracingIT::isHttpServerSpan);
		}, WAIT).stream().filter((span) -> span.traceId().equals(traceId)).toList();
		ReceivedSpan clientSpan = only(trace, "tools/call lookup-plan", "SPAN_KIND_CLIENT");
		ReceivedSpan serverSpan = only(trace, "tools/call lookup-plan", "SPAN_KIND_SERVER");
		ReceivedSpan execution = only(trace, "CustomerPlans.planOf", "SPAN_KIND_INTERNAL");

		assertThat(clientSpan.parentSpanId()).isEqualTo(turn.getSpanContext().getSpanId());
		assertThat(serverSpan.parentSpanId()).isEqualTo(clientSpan.spanId());
		assertThat(execution.parentSpanId()).isEqualTo(serverSpan.spanId());
		assertThat(clientSpan.resourceAttributes().get("service.name")).isEqualTo("mcp-sync-client");
		assertThat(serverSpan.resourceAttributes().get("service.name")).isEqualTo("mcp-server");

		Map<String, Object> meta = receivedMeta.stream()
			.filter((received) -> String.valueOf(received.get("traceparent")).contains(traceId))
			.findFirst()
			.orElseThrow();
		assertThat(String.valueOf(meta.get("traceparent")))
			.startsWith("00-" + traceId + "-" + clientSpan.spanId() + "-");
		assertThat(String.valueOf(meta.get("baggage"))).contains("session.id=session-42");

		for (ReceivedSpan span : List.of(clientSpan, serverSpan)) {
			assertThat(span.attr("mcp.method.name")).isEqualTo("tools/call");
			assertThat(span.attr("gen_ai.tool.name")).isEqualTo("lookup-plan");
			assertThat(span.attr("gen_ai.operation.name")).isEqualTo("execute_tool");
			assertThat(span.attr("openinference.span.kind")).isEqualTo("TOOL");
			assertThat(span.attr("tool.name")).isEqualTo("lookup-plan");
			assertThat(span.attr("network.transport")).isEqualTo("tcp");
			assertThat(span.attr("session.id")).isEqualTo("session-42");
			assertThat(span.attr("input.value")).contains("\"customer\":\"alice\"")
				.contains("[REDACTED:credit-card]")
				.doesNotContain("4111 1111 1111 1111");
			assertThat(span.attr("output.value")).isEqualTo("gold");
			assertThat(span.hasAttr("error.type")).isFalse();
		}
		assertThat(clientSpan.attr("jsonrpc.request.id")).isNotBlank();
		assertThat(clientSpan.attr("mcp.protocol.version")).isNotBlank();
		assertThat(clientSpan.attr("server.address")).isEqualTo("localhost");
		assertThat(clientSpan.longAttr("server.port")).isEqualTo(port);
		assertThat(clientSpan.attr("mcp.session.id")).isNotBlank().isEqualTo(serverSpan.attr("mcp.session.id"));

		// the server's HTTP span joins the trace under the client's call, linked from the
		// MCP server span
		ReceivedSpan http = trace.stream().filter(McpTracingIT::isHttpServerSpan).findFirst().orElseThrow();
		assertThat(http.parentSpanId()).isEqualTo(clientSpan.spanId());
		assertThat(serverSpan.links()).anySatisfy((link) -> assertThat(link.spanId()).isEqualTo(http.spanId()));

		assertThat(summary(syncClient, "mcp.client.operation.duration", "lookup-plan", "none").count())
			.isGreaterThanOrEqualTo(1);
		assertThat(summary(server, "mcp.server.operation.duration", "lookup-plan", "none").count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void toolErrorResultIsRecordedOnBothSides(OtlpTestReceiver receiver) {
		McpSyncClient client = syncClients().get(0);
		Span turn = tracer(syncClient).spanBuilder("failing turn").startSpan();
		McpSchema.CallToolResult result;
		try (Scope scope = turn.makeCurrent()) {
			result = client.callTool(new McpSchema.CallToolRequest("cancel-plan", Map.of("customer", "bob"), null));
		}
		finally {
			turn.end();
		}
		assertThat(result.isError()).isTrue();
		String traceId = turn.getSpanContext().getTraceId();
		List<ReceivedSpan> calls = receiver
			.awaitSpans((received) -> received.stream()
				.filter((span) -> span.traceId().equals(traceId) && span.name().equals("tools/call cancel-plan"))
				.count() == 2, WAIT)
			.stream()
			.filter((span) -> span.traceId().equals(traceId) && span.name().equals("tools/call cancel-plan"))
			.toList();
		assertThat(calls).extracting(ReceivedSpan::kind)
			.containsExactlyInAnyOrder("SPAN_KIND_CLIENT", "SPAN_KIND_SERVER");
		for (ReceivedSpan call : calls) {
			assertThat(call.attr("error.type")).isEqualTo("tool_error");
			assertThat(call.statusCode()).isEqualTo("STATUS_CODE_ERROR");
			assertThat(call.statusMessage()).isEqualTo("no plan to cancel for bob");
			assertThat(call.attr("output.value")).isEqualTo("no plan to cancel for bob");
			assertThat(call.hasAttr("session.id")).isFalse();
		}
		assertThat(summary(syncClient, "mcp.client.operation.duration", "cancel-plan", "tool_error").count())
			.isEqualTo(1);
		assertThat(summary(server, "mcp.server.operation.duration", "cancel-plan", "tool_error").count()).isEqualTo(1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void asyncClientCallsAreTracedAlike(OtlpTestReceiver receiver) {
		McpAsyncClient client = ((List<McpAsyncClient>) asyncClient.getBean("mcpAsyncClients")).get(0);
		Span turn = tracer(asyncClient).spanBuilder("async turn").startSpan();
		try (Scope scope = turn.makeCurrent(); LlmObsScope session = LlmObs.session("session-async")) {
			client.callTool(new McpSchema.CallToolRequest("lookup-plan", Map.of("customer", "carol"), null)).block();
		}
		finally {
			turn.end();
		}
		String traceId = turn.getSpanContext().getTraceId();
		List<ReceivedSpan> spans = receiver.awaitSpans((received) -> received.stream()
			.filter((span) -> span.traceId().equals(traceId) && span.name().equals("tools/call lookup-plan"))
			.count() == 2, WAIT);
		ReceivedSpan clientSpan = only(spans, traceId, "tools/call lookup-plan", "SPAN_KIND_CLIENT");
		ReceivedSpan serverSpan = only(spans, traceId, "tools/call lookup-plan", "SPAN_KIND_SERVER");
		assertThat(clientSpan.parentSpanId()).isEqualTo(turn.getSpanContext().getSpanId());
		assertThat(serverSpan.parentSpanId()).isEqualTo(clientSpan.spanId());
		assertThat(clientSpan.resourceAttributes().get("service.name")).isEqualTo("mcp-async-client");
		assertThat(clientSpan.attr("session.id")).isEqualTo("session-async");
		// llmobs.web.propagate is off for this client: the session stays in its process
		assertThat(serverSpan.hasAttr("session.id")).isFalse();
		assertThat(serverSpan.attr("output.value")).isEqualTo("gold");
	}

	private static boolean isHttpServerSpan(ReceivedSpan span) {
		return span.kind().equals("SPAN_KIND_SERVER") && span.name().startsWith("http post");
	}

	@SuppressWarnings("unchecked")
	private static List<McpSyncClient> syncClients() {
		return (List<McpSyncClient>) syncClient.getBean("mcpSyncClients");
	}

	private static Tracer tracer(ConfigurableApplicationContext context) {
		return context.getBean(OpenTelemetry.class).getTracer("test");
	}

	private static ReceivedSpan only(List<ReceivedSpan> spans, String name, String kind) {
		List<ReceivedSpan> matching = spans.stream()
			.filter((span) -> span.name().equals(name) && span.kind().equals(kind))
			.toList();
		assertThat(matching).as("%s %s in %s", kind, name, spans.stream().map(ReceivedSpan::name).toList()).hasSize(1);
		return matching.get(0);
	}

	private static ReceivedSpan only(List<ReceivedSpan> spans, String traceId, String name, String kind) {
		return only(spans.stream().filter((span) -> span.traceId().equals(traceId)).toList(), name, kind);
	}

	private static DistributionSummary summary(ConfigurableApplicationContext context, String name, String tool,
			String errorType) {
		DistributionSummary summary = context.getBean(MeterRegistry.class)
			.find(name)
			.tags("mcp.method.name", "tools/call", "gen_ai.tool.name", tool, "error.type", errorType,
					"network.transport", "tcp")
			.summary();
		assertThat(summary).as(name + " for " + tool).isNotNull();
		assertThat(summary.getId().getBaseUnit()).isEqualTo("s");
		return summary;
	}

	/** The tool's business logic: an annotated bean, traced inside the server span. */
	public static class CustomerPlans {

		@LlmTool
		public String planOf(String customer) {
			return "gold";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class McpServerApp {

		@Bean
		CustomerPlans customerPlans() {
			return new CustomerPlans();
		}

		@Bean
		List<McpServerFeatures.SyncToolSpecification> planTools(CustomerPlans plans) {
			McpSchema.JsonSchema customerSchema = new McpSchema.JsonSchema("object",
					Map.of("customer", Map.of("type", "string")), List.of("customer"), null, null, null);
			McpServerFeatures.SyncToolSpecification lookup = McpServerFeatures.SyncToolSpecification.builder()
				.tool(McpSchema.Tool.builder()
					.name("lookup-plan")
					.description("The plan a customer is on")
					.inputSchema(customerSchema)
					.build())
				.callHandler((exchange, request) -> {
					receivedMeta.add((request.meta() != null) ? Map.copyOf(request.meta()) : Map.of());
					String plan = plans.planOf(String.valueOf(request.arguments().get("customer")));
					return McpSchema.CallToolResult.builder().addTextContent(plan).build();
				})
				.build();
			McpServerFeatures.SyncToolSpecification cancel = McpServerFeatures.SyncToolSpecification.builder()
				.tool(McpSchema.Tool.builder()
					.name("cancel-plan")
					.description("Cancels a customer's plan")
					.inputSchema(customerSchema)
					.build())
				.callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
					.addTextContent("no plan to cancel for " + request.arguments().get("customer"))
					.isError(true)
					.build())
				.build();
			return List.of(lookup, cancel);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class McpClientApp {

	}

}
