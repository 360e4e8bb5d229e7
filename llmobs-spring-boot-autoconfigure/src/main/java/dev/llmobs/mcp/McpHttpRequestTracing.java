package dev.llmobs.mcp;

import java.net.URI;
import java.net.http.HttpRequest;

import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import dev.llmobs.failure.RecordingFailures;

/**
 * The HTTP side of a traced MCP request sent over the JDK {@code HttpClient} transports:
 * records the {@code Mcp-Session-Id} the request carries as {@code mcp.session.id} on its
 * client span, and writes the span's trace context as HTTP headers so the server's HTTP
 * span joins the trace (the MCP spans are joined through {@code params._meta}; the
 * session and user never go into these headers). Acts on POSTs of requests traced by
 * {@link TracingMcpClientTransport} only, found through the Reactor context the transport
 * passes down; everything else goes out unchanged.
 */
public final class McpHttpRequestTracing implements McpAsyncHttpClientRequestCustomizer {

	private static final String SESSION_HEADER = "mcp-session-id";

	private final McpTracing tracing;

	/**
	 * Creates the customizer.
	 * @param tracing the tracing
	 */
	public McpHttpRequestTracing(McpTracing tracing) {
		this.tracing = tracing;
	}

	@Override
	public Publisher<HttpRequest.Builder> customize(HttpRequest.Builder builder, String method, URI endpoint,
			String body, McpTransportContext context) {
		if (!"POST".equals(method)) {
			return Mono.just(builder);
		}
		return Mono.deferContextual((reactorContext) -> {
			McpCall call = reactorContext.getOrDefault(McpCall.class, null);
			if (call != null) {
				try {
					call.sessionId(builder.copy().build().headers().firstValue(SESSION_HEADER).orElse(null));
					this.tracing.injectTransportHeaders(call.context(), builder::setHeader);
				}
				catch (Throwable ex) {
					RecordingFailures.record("the HTTP headers of an MCP request", ex);
				}
			}
			return Mono.just(builder);
		});
	}

}
