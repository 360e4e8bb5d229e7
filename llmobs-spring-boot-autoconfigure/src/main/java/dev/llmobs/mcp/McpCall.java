package dev.llmobs.mcp;

import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

import dev.llmobs.failure.RecordingFailures;

/**
 * One MCP operation in flight, on the client or the server: its span, the context to make
 * current (or to inject) while it runs, and the ways it can end. Ends once; every method
 * is failure-proof.
 */
public final class McpCall {

	private final McpTracing tracing;

	private final Span span;

	private final Context context;

	private final McpOperation operation;

	private final String networkTransport;

	private final boolean server;

	private final long startNanos;

	private final AtomicBoolean ended = new AtomicBoolean();

	McpCall(McpTracing tracing, Span span, Context context, McpOperation operation, String networkTransport,
			boolean server, long startNanos) {
		this.tracing = tracing;
		this.span = span;
		this.context = context;
		this.operation = operation;
		this.networkTransport = networkTransport;
		this.server = server;
		this.startNanos = startNanos;
	}

	/**
	 * The span.
	 * @return the span
	 */
	public Span span() {
		return this.span;
	}

	/**
	 * The context holding the span: the parent of what runs inside on the server, what is
	 * injected into {@code params._meta} on the client.
	 * @return the context
	 */
	public Context context() {
		return this.context;
	}

	/**
	 * The operation.
	 * @return the operation
	 */
	public McpOperation operation() {
		return this.operation;
	}

	/**
	 * When the operation started, in {@link System#nanoTime()} units.
	 * @return the start
	 */
	public long startNanos() {
		return this.startNanos;
	}

	/**
	 * Records the MCP session once known (the client learns it from the transport).
	 * @param sessionId the session id, or {@code null}
	 */
	public void sessionId(String sessionId) {
		try {
			if (sessionId != null && !sessionId.isEmpty() && !this.ended.get()) {
				this.span.setAttribute(McpAttributes.MCP_SESSION_ID, sessionId);
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("an MCP session id", ex);
		}
	}

	/**
	 * Ends with a result: a tool result with {@code isError: true} is a
	 * {@code tool_error}.
	 * @param result the result, typed or as received
	 */
	public void end(Object result) {
		if (this.ended.compareAndSet(false, true)) {
			this.tracing.finish(this, result, McpOutcome.ofResult(result));
		}
	}

	/**
	 * Ends with an outcome known without a result (an error response, a failure).
	 * @param outcome the outcome
	 */
	public void endWith(McpOutcome outcome) {
		if (this.ended.compareAndSet(false, true)) {
			this.tracing.finish(this, null, outcome);
		}
	}

	/**
	 * Ends with a failure.
	 * @param failure the failure
	 */
	public void fail(Throwable failure) {
		if (this.ended.compareAndSet(false, true)) {
			this.tracing.fail(this, failure);
		}
	}

	boolean isServer() {
		return this.server;
	}

	String networkTransport() {
		return this.networkTransport;
	}

}
