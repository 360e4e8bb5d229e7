package dev.llmobs.mcp;

import java.util.function.BiFunction;

import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.context.Scope;
import reactor.core.publisher.Mono;

import dev.llmobs.context.OpenTelemetryContextThreadLocalAccessor;

/**
 * Traces the tools an MCP server serves: each tool specification's handler is wrapped so
 * that a call opens a server span, as a child of the trace context the client sent in
 * {@code params._meta}, with the tool's execution running inside it. The handler's result
 * and exceptions pass through unchanged; a result with {@code isError: true} is recorded
 * as {@code error.type=tool_error}.
 */
public final class TracingMcpToolSpecifications {

	private TracingMcpToolSpecifications() {
	}

	/**
	 * Wraps a sync tool; a tool already wrapped is returned as is.
	 * @param specification the tool
	 * @param tracing the tracing
	 * @param endpoint the server's transport
	 * @return the traced tool
	 */
	public static McpServerFeatures.SyncToolSpecification trace(McpServerFeatures.SyncToolSpecification specification,
			McpTracing tracing, McpEndpoint endpoint) {
		if (specification.callHandler() instanceof TracedSyncHandler) {
			return specification;
		}
		return new McpServerFeatures.SyncToolSpecification(specification.tool(),
				new TracedSyncHandler(specification.callHandler(), tracing, endpoint));
	}

	/**
	 * Wraps an async tool; a tool already wrapped is returned as is.
	 * @param specification the tool
	 * @param tracing the tracing
	 * @param endpoint the server's transport
	 * @return the traced tool
	 */
	public static McpServerFeatures.AsyncToolSpecification trace(McpServerFeatures.AsyncToolSpecification specification,
			McpTracing tracing, McpEndpoint endpoint) {
		if (specification.callHandler() instanceof TracedAsyncHandler) {
			return specification;
		}
		return new McpServerFeatures.AsyncToolSpecification(specification.tool(),
				new TracedAsyncHandler(specification.callHandler(), tracing, endpoint));
	}

	private static McpOperation operation(McpSchema.CallToolRequest request) {
		return McpOperation.of(McpSchema.METHOD_TOOLS_CALL, null, request);
	}

	private record TracedSyncHandler(
			BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> delegate,
			McpTracing tracing, McpEndpoint endpoint)
			implements
				BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> {

		@Override
		public McpSchema.CallToolResult apply(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
			McpCall call = this.tracing.startServer(operation(request), request.meta(),
					(exchange != null) ? exchange.sessionId() : null, this.endpoint);
			if (call == null) {
				return this.delegate.apply(exchange, request);
			}
			McpSchema.CallToolResult result;
			try (Scope scope = call.context().makeCurrent()) {
				result = this.delegate.apply(exchange, request);
			}
			catch (RuntimeException | Error ex) {
				call.fail(ex);
				throw ex;
			}
			call.end(result);
			return result;
		}

	}

	private record TracedAsyncHandler(
			BiFunction<McpAsyncServerExchange, McpSchema.CallToolRequest, Mono<McpSchema.CallToolResult>> delegate,
			McpTracing tracing, McpEndpoint endpoint)
			implements
				BiFunction<McpAsyncServerExchange, McpSchema.CallToolRequest, Mono<McpSchema.CallToolResult>> {

		@Override
		public Mono<McpSchema.CallToolResult> apply(McpAsyncServerExchange exchange,
				McpSchema.CallToolRequest request) {
			McpCall call = this.tracing.startServer(operation(request), request.meta(),
					(exchange != null) ? exchange.sessionId() : null, this.endpoint);
			if (call == null) {
				return this.delegate.apply(exchange, request);
			}
			Mono<McpSchema.CallToolResult> result;
			try (Scope scope = call.context().makeCurrent()) {
				result = this.delegate.apply(exchange, request);
			}
			catch (RuntimeException | Error ex) {
				call.fail(ex);
				throw ex;
			}
			if (result == null) {
				call.end((Object) null);
				return null;
			}
			return result.doOnSuccess(call::end)
				.doOnError(call::fail)
				.doOnCancel(() -> call.endWith(CANCELLED))
				.contextWrite((context) -> context.put(OpenTelemetryContextThreadLocalAccessor.KEY, call.context()));
		}

	}

	private static final McpOutcome CANCELLED = new McpOutcome("cancelled", null, "cancelled");

}
