package dev.llmobs.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.convention.LlmSpanConvention;
import dev.llmobs.web.IdValidator;

/**
 * Opens and ends MCP spans per the OpenTelemetry MCP conventions, carries the trace
 * context in {@code params._meta}, and records the operation durations.
 * <p>
 * A {@code tools/call} span is a {@code TOOL} span in every active LLM convention
 * ({@code openinference.span.kind}, {@code tool.name}, {@code gen_ai.tool.name},
 * {@code gen_ai.operation.name=execute_tool}) with the arguments as input and the result
 * as output, captured, redacted and truncated like every other content; other methods
 * carry the MCP attributes only. Nothing here throws into the MCP call: recording
 * failures are counted by {@link RecordingFailures}.
 */
public final class McpTracing {

	/** The W3C baggage keys the session and user travel under. */
	static final String SESSION_KEY = "session.id";

	static final String USER_KEY = "user.id";

	private static final String BAGGAGE = "baggage";

	private static final int MAX_CACHED_TOOLS = 1024;

	static final TextMapSetter<Map<String, Object>> META_SETTER = (carrier, key, value) -> {
		if (carrier != null) {
			carrier.put(key, value);
		}
	};

	static final TextMapGetter<Map<?, ?>> META_GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<?, ?> carrier) {
			return carrier.keySet().stream().map(String::valueOf).toList();
		}

		@Override
		public String get(Map<?, ?> carrier, String key) {
			Object value = (carrier != null) ? carrier.get(key) : null;
			return (value instanceof String text) ? text : null;
		}

	};

	private final Tracer tracer;

	private final LlmSpanWriter writer;

	private final TextMapPropagator propagator;

	private final McpDurations durations;

	private final boolean captureInputs;

	private final boolean captureOutputs;

	private final IdValidator ids;

	private final Map<String, Attributes> toolAttributes = new ConcurrentHashMap<>();

	/**
	 * Creates the tracing.
	 * @param tracer the tracer of the application's tracer provider
	 * @param writer captures content and knows the active conventions
	 * @param propagator the application's propagator, injected into and extracted from
	 * {@code params._meta}
	 * @param durations records operation durations
	 * @param captureInputs whether tool arguments are recorded
	 * @param captureOutputs whether tool results are recorded
	 * @param ids validates a session or user id received in baggage
	 */
	public McpTracing(Tracer tracer, LlmSpanWriter writer, TextMapPropagator propagator, McpDurations durations,
			boolean captureInputs, boolean captureOutputs, IdValidator ids) {
		this.tracer = tracer;
		this.writer = writer;
		this.propagator = propagator;
		this.durations = durations;
		this.captureInputs = captureInputs;
		this.captureOutputs = captureOutputs;
		this.ids = ids;
	}

	/**
	 * Starts the client span of a request.
	 * @param parent the caller's context
	 * @param operation the request
	 * @param endpoint how the server is reached
	 * @param protocolVersion the negotiated protocol version, or {@code null}
	 * @return the call, or {@code null} when it could not be started (counted)
	 */
	public McpCall startClient(Context parent, McpOperation operation, McpEndpoint endpoint, String protocolVersion) {
		try {
			long start = System.nanoTime();
			SpanBuilder builder = this.tracer.spanBuilder(operation.spanName())
				.setParent(parent)
				.setSpanKind(SpanKind.CLIENT)
				.setAllAttributes(requestAttributes(operation, endpoint, protocolVersion, null));
			Span span = start(builder, operation);
			return new McpCall(this, span, parent.with(span), operation, endpoint.networkTransport(), false, start);
		}
		catch (Throwable ex) {
			RecordingFailures.record("an MCP client span", ex);
			return null;
		}
	}

	/**
	 * Starts the server span of a request, as a child of the context the client sent in
	 * {@code params._meta} (linked to the transport's own span, such as the HTTP server
	 * span, when there is one), or of the current context when none was sent. A session
	 * or user received in baggage applies when the current context has none.
	 * @param operation the request
	 * @param meta the request's {@code _meta}, or {@code null}
	 * @param sessionId the MCP session, or {@code null}
	 * @param endpoint the transport
	 * @return the call, or {@code null} when it could not be started (counted)
	 */
	public McpCall startServer(McpOperation operation, Map<?, ?> meta, String sessionId, McpEndpoint endpoint) {
		try {
			long start = System.nanoTime();
			Context ambient = Context.current();
			Context parent = ambient;
			SpanContext ambientSpan = Span.fromContext(ambient).getSpanContext();
			boolean linkAmbient = false;
			LlmObsContext identity = LlmObsContext.from(ambient);
			if (meta != null && !meta.isEmpty()) {
				Context remote = this.propagator.extract(Context.root(), meta, META_GETTER);
				if (Span.fromContext(remote).getSpanContext().isValid()) {
					parent = remote;
					linkAmbient = ambientSpan.isValid();
				}
				identity = adoptIdentity(identity, meta);
			}
			if (!identity.isEmpty()) {
				parent = identity.storeIn(parent);
			}
			SpanBuilder builder = this.tracer.spanBuilder(operation.spanName())
				.setParent(parent)
				.setSpanKind(SpanKind.SERVER)
				.setAllAttributes(requestAttributes(operation, endpoint, null, sessionId));
			if (linkAmbient) {
				builder.addLink(ambientSpan);
			}
			Span span = start(builder, operation);
			return new McpCall(this, span, ContextScopes.contextFor(parent, span), operation,
					endpoint.networkTransport(), true, start);
		}
		catch (Throwable ex) {
			RecordingFailures.record("an MCP server span", ex);
			return null;
		}
	}

	private Span start(SpanBuilder builder, McpOperation operation) {
		if (operation.isToolCall()) {
			builder.setAllAttributes(toolAttributes(operation.toolName()));
		}
		Span span = builder.startSpan();
		if (operation.isToolCall() && span.isRecording() && this.captureInputs
				&& this.writer.writesContent(LlmSpanKind.TOOL)) {
			try {
				CapturedContent input = this.writer.capture()
					.capture((operation.arguments() != null) ? operation.arguments() : Map.of());
				if (input != null) {
					for (LlmSpanConvention convention : this.writer.conventions().all()) {
						convention.input(span, LlmSpanKind.TOOL, input, false);
					}
				}
			}
			catch (Throwable ex) {
				RecordingFailures.record("the arguments of an MCP tool call", ex);
			}
		}
		return span;
	}

	/**
	 * The MCP attributes of a request, known when it starts.
	 * @param operation the request
	 * @param endpoint how the server is reached
	 * @param protocolVersion the protocol version, or {@code null}
	 * @param sessionId the MCP session, or {@code null}
	 * @return the attributes
	 */
	public static Attributes requestAttributes(McpOperation operation, McpEndpoint endpoint, String protocolVersion,
			String sessionId) {
		AttributesBuilder attributes = Attributes.builder().put(McpAttributes.MCP_METHOD_NAME, operation.method());
		putIfText(attributes, McpAttributes.JSONRPC_REQUEST_ID, operation.requestId());
		putIfText(attributes, McpAttributes.MCP_SESSION_ID, sessionId);
		putIfText(attributes, McpAttributes.MCP_PROTOCOL_VERSION, protocolVersion);
		putIfText(attributes, McpAttributes.MCP_RESOURCE_URI, operation.resourceUri());
		putIfText(attributes, LlmObsAttributes.GEN_AI_PROMPT_NAME, operation.promptName());
		if (operation.isToolCall()) {
			putIfText(attributes, LlmObsAttributes.GEN_AI_TOOL_NAME, operation.toolName());
			attributes.put(LlmObsAttributes.GEN_AI_OPERATION_NAME, LlmSpanKind.TOOL.operationName());
		}
		putIfText(attributes, McpAttributes.NETWORK_TRANSPORT, endpoint.networkTransport());
		putIfText(attributes, McpAttributes.NETWORK_PROTOCOL_NAME, endpoint.protocolName());
		putIfText(attributes, McpAttributes.SERVER_ADDRESS, endpoint.serverAddress());
		if (endpoint.serverAddress() != null && endpoint.serverPort() >= 0) {
			attributes.put(McpAttributes.SERVER_PORT, (long) endpoint.serverPort());
		}
		return attributes.build();
	}

	private Attributes toolAttributes(String toolName) {
		String name = (toolName != null) ? toolName : "";
		Attributes cached = this.toolAttributes.get(name);
		if (cached == null) {
			cached = LlmSpanTracer.staticAttributes(LlmSpanKind.TOOL, name, SpanIdentity.NONE,
					this.writer.conventions());
			if (this.toolAttributes.size() < MAX_CACHED_TOOLS) {
				this.toolAttributes.put(name, cached);
			}
		}
		return cached;
	}

	private LlmObsContext adoptIdentity(LlmObsContext identity, Map<?, ?> meta) {
		if (!(meta.get(BAGGAGE) instanceof String)) {
			return identity;
		}
		Baggage baggage = Baggage
			.fromContext(W3CBaggagePropagator.getInstance().extract(Context.root(), meta, META_GETTER));
		String session = baggage.getEntryValue(SESSION_KEY);
		if (identity.sessionId() == null && session != null && this.ids.rejection(session) == null) {
			identity = identity.withSession(session);
		}
		String user = baggage.getEntryValue(USER_KEY);
		if (identity.userId() == null && user != null && this.ids.rejection(user) == null) {
			identity = identity.withUser(user);
		}
		return identity;
	}

	/**
	 * The {@code _meta} to send with a request: the entries already there, the trace
	 * context and baggage as the application's propagator writes them and, when allowed,
	 * the session and user as W3C baggage entries.
	 * @param context the client span's context
	 * @param existing the request's own {@code _meta}, or {@code null}
	 * @param sendIdentity whether the session and user may be sent to this server
	 * @return the new {@code _meta}
	 */
	public Map<String, Object> meta(Context context, Map<?, ?> existing, boolean sendIdentity) {
		Map<String, Object> meta = new LinkedHashMap<>();
		if (existing != null) {
			existing.forEach((key, value) -> meta.put(String.valueOf(key), value));
		}
		try {
			this.propagator.inject(context, meta, META_SETTER);
			if (sendIdentity) {
				appendIdentity(context, meta);
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the MCP trace context", ex);
		}
		return meta;
	}

	/**
	 * Writes the trace context (not the session or user) as transport headers, so the
	 * transport's own spans on the server (an HTTP server span) join the trace too.
	 * @param context the client span's context
	 * @param headers receives header names and values
	 */
	public void injectTransportHeaders(Context context, java.util.function.BiConsumer<String, String> headers) {
		this.propagator.inject(context, headers, (carrier, key, value) -> {
			if (carrier != null) {
				carrier.accept(key, value);
			}
		});
	}

	private static void appendIdentity(Context context, Map<String, Object> meta) {
		LlmObsContext identity = LlmObsContext.from(context);
		if (identity.sessionId() == null && identity.userId() == null) {
			return;
		}
		BaggageBuilder baggage = Baggage.builder();
		if (identity.sessionId() != null) {
			baggage.put(SESSION_KEY, identity.sessionId());
		}
		if (identity.userId() != null) {
			baggage.put(USER_KEY, identity.userId());
		}
		Map<String, Object> own = new LinkedHashMap<>();
		W3CBaggagePropagator.getInstance().inject(Context.root().with(baggage.build()), own, META_SETTER);
		Object entries = own.get(BAGGAGE);
		if (entries != null) {
			Object existing = meta.get(BAGGAGE);
			meta.put(BAGGAGE, (existing instanceof String text && !text.isEmpty()) ? text + "," + entries : entries);
		}
	}

	void finish(McpCall call, Object result, McpOutcome outcome) {
		try {
			Span span = call.span();
			if (span.isRecording()) {
				if (outcome.isError()) {
					span.setAttribute(LlmObsAttributes.ERROR_TYPE, outcome.errorType());
					if (outcome.statusCode() != null) {
						span.setAttribute(McpAttributes.RPC_RESPONSE_STATUS_CODE, outcome.statusCode());
					}
					span.setStatus(StatusCode.ERROR, (outcome.description() != null) ? outcome.description() : "");
				}
				if (result != null && call.operation().isToolCall() && this.captureOutputs
						&& this.writer.writesContent(LlmSpanKind.TOOL)) {
					writeOutput(span, result);
				}
			}
			span.end();
		}
		catch (Throwable ex) {
			RecordingFailures.record("an MCP span", ex);
		}
		try {
			this.durations.record(call.isServer(), call.operation(), call.networkTransport(), outcome.errorType(),
					(System.nanoTime() - call.startNanos()) / 1e9);
		}
		catch (Throwable ex) {
			RecordingFailures.record("an MCP operation duration", ex);
		}
	}

	void fail(McpCall call, Throwable failure) {
		try {
			if (call.span().isRecording()) {
				call.span().recordException(failure);
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("an MCP failure", ex);
		}
		finish(call, null, McpOutcome.ofFailure(failure));
	}

	private void writeOutput(Span span, Object result) {
		String text = singleText(result);
		CapturedContent output = (text != null)
				? new CapturedContent(this.writer.capture().captureText(text), CapturedContent.TEXT, false)
				: this.writer.capture().capture(result);
		if (output == null || output.text() == null) {
			return;
		}
		for (LlmSpanConvention convention : this.writer.conventions().all()) {
			convention.output(span, LlmSpanKind.TOOL, output);
		}
	}

	/** The text of a tool result made of one text item, the common case. */
	private static String singleText(Object result) {
		Object content = null;
		if (result instanceof McpSchema.CallToolResult toolResult && toolResult.structuredContent() == null) {
			content = toolResult.content();
		}
		else if (result instanceof Map<?, ?> map && map.get("structuredContent") == null) {
			content = map.get("content");
		}
		if (content instanceof List<?> items && items.size() == 1) {
			Object item = items.get(0);
			if (item instanceof McpSchema.TextContent textContent) {
				return textContent.text();
			}
			if (item instanceof Map<?, ?> map && "text".equals(map.get("type"))
					&& map.get("text") instanceof String s) {
				return s;
			}
		}
		return null;
	}

	private static void putIfText(AttributesBuilder attributes, io.opentelemetry.api.common.AttributeKey<String> key,
			String value) {
		if (value != null && !value.isEmpty()) {
			attributes.put(key, value);
		}
	}

}
