package dev.llmobs.mcp;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.context.Context;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import dev.llmobs.context.OpenTelemetryContextThreadLocalAccessor;
import dev.llmobs.failure.RecordingFailures;

/**
 * An MCP client transport that traces every request it carries: a client span per request
 * (started when the request is sent, ended when its response arrives), the span's context
 * injected into the request's {@code params._meta}. Every MCP client built on it, sync or
 * async, is traced alike.
 * <p>
 * The transport is where the JSON-RPC id, the negotiated protocol version (from the
 * Reactor context the client passes down) and the wire form of the params are known; the
 * caller's context is the one in the Reactor context (a traced Reactor pipeline) or else
 * the current one, which is the caller's for a sync client (the request is sent on the
 * calling thread). A request whose response never comes (the client gave up after its
 * timeout) is ended as {@code timeout} after {@link #ABANDONED_AFTER_MINUTES} minutes, or
 * when the transport closes. Notifications pass through untraced.
 */
public final class TracingMcpClientTransport implements McpClientTransport {

	/** A request still unanswered after this long is ended as abandoned. */
	static final long ABANDONED_AFTER_MINUTES = 10;

	private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
	};

	private static final McpOutcome TIMEOUT = new McpOutcome("timeout", null, "no response");

	private static final McpOutcome CLOSED = new McpOutcome("transport_closed", null, "transport closed");

	private final McpClientTransport delegate;

	private final McpTracing tracing;

	private final McpEndpoint endpoint;

	private final boolean sendIdentity;

	private final Map<String, McpCall> pending = new ConcurrentHashMap<>();

	/**
	 * Wraps a transport.
	 * @param delegate the transport
	 * @param tracing the tracing
	 * @param endpoint how the server is reached
	 * @param sendIdentity whether the session and user may travel to this server in
	 * baggage ({@code llmobs.web.propagate} and the server's host in
	 * {@code llmobs.web.propagate-hosts})
	 */
	public TracingMcpClientTransport(McpClientTransport delegate, McpTracing tracing, McpEndpoint endpoint,
			boolean sendIdentity) {
		this.delegate = delegate;
		this.tracing = tracing;
		this.endpoint = endpoint;
		this.sendIdentity = sendIdentity;
	}

	/**
	 * The wrapped transport.
	 * @return the transport
	 */
	public McpClientTransport delegate() {
		return this.delegate;
	}

	@Override
	public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
		return this.delegate.connect((inbound) -> handler.apply(inbound.doOnNext(this::received)));
	}

	@Override
	public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
		if (!(message instanceof McpSchema.JSONRPCRequest request)) {
			return this.delegate.sendMessage(message);
		}
		return Mono.deferContextual((reactorContext) -> send(request, reactorContext));
	}

	private Mono<Void> send(McpSchema.JSONRPCRequest request, ContextView reactorContext) {
		McpCall call = start(request, reactorContext);
		if (call == null) {
			return this.delegate.sendMessage(request);
		}
		McpSchema.JSONRPCRequest traced = withMeta(request, call);
		String id = String.valueOf(request.id());
		return this.delegate.sendMessage(traced).doOnError((error) -> {
			if (this.pending.remove(id, call)) {
				call.fail(error);
			}
		}).contextWrite((context) -> context.put(McpCall.class, call));
	}

	private McpCall start(McpSchema.JSONRPCRequest request, ContextView reactorContext) {
		try {
			abandonStale();
			Object carried = reactorContext.getOrDefault(OpenTelemetryContextThreadLocalAccessor.KEY, null);
			Context parent = (carried instanceof Context context) ? context : Context.current();
			String protocolVersion = reactorContext.getOrDefault(McpAsyncClient.NEGOTIATED_PROTOCOL_VERSION, null);
			McpCall call = this.tracing.startClient(parent,
					McpOperation.of(request.method(), request.id(), request.params()), this.endpoint, protocolVersion);
			if (call != null) {
				this.pending.put(String.valueOf(request.id()), call);
			}
			return call;
		}
		catch (Throwable ex) {
			RecordingFailures.record("an MCP request", ex);
			return null;
		}
	}

	/** The request with the trace context added to its {@code params._meta}. */
	private McpSchema.JSONRPCRequest withMeta(McpSchema.JSONRPCRequest request, McpCall call) {
		try {
			Object params = request.params();
			Map<String, Object> wire = new LinkedHashMap<>();
			if (params != null) {
				wire.putAll(this.delegate.unmarshalFrom(params, MAP));
			}
			Object existing = wire.get("_meta");
			wire.put("_meta", this.tracing.meta(call.context(), (existing instanceof Map<?, ?> map) ? map : null,
					this.sendIdentity));
			return new McpSchema.JSONRPCRequest(request.jsonrpc(), request.method(), request.id(), wire);
		}
		catch (Throwable ex) {
			RecordingFailures.record("the trace context of an MCP request", ex);
			return request;
		}
	}

	private void received(McpSchema.JSONRPCMessage message) {
		try {
			if (message instanceof McpSchema.JSONRPCResponse response && response.id() != null) {
				McpCall call = this.pending.remove(String.valueOf(response.id()));
				if (call != null) {
					if (response.error() != null) {
						call.endWith(McpOutcome.ofError(response.error()));
					}
					else {
						call.end(response.result());
					}
				}
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("an MCP response", ex);
		}
	}

	private void abandonStale() {
		if (this.pending.isEmpty()) {
			return;
		}
		long now = System.nanoTime();
		long limit = TimeUnit.MINUTES.toNanos(ABANDONED_AFTER_MINUTES);
		for (Iterator<Map.Entry<String, McpCall>> it = this.pending.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, McpCall> entry = it.next();
			if (now - entry.getValue().startNanos() > limit && this.pending.remove(entry.getKey(), entry.getValue())) {
				entry.getValue().endWith(TIMEOUT);
			}
		}
	}

	private void endPending() {
		for (String id : List.copyOf(this.pending.keySet())) {
			McpCall call = this.pending.remove(id);
			if (call != null) {
				call.endWith(CLOSED);
			}
		}
	}

	@Override
	public Mono<Void> closeGracefully() {
		return this.delegate.closeGracefully().doFinally((signal) -> endPending());
	}

	@Override
	public void close() {
		try {
			this.delegate.close();
		}
		finally {
			endPending();
		}
	}

	@Override
	public void setExceptionHandler(Consumer<Throwable> handler) {
		this.delegate.setExceptionHandler(handler);
	}

	@Override
	public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
		return this.delegate.unmarshalFrom(data, typeRef);
	}

	@Override
	public List<String> protocolVersions() {
		return this.delegate.protocolVersions();
	}

}
