package dev.llmobs.context;

import java.util.ArrayDeque;
import java.util.Deque;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * Lets Micrometer's context propagation carry the whole OpenTelemetry {@link Context}
 * (the current span, the session, the trace's accumulators): Reactor's automatic context
 * propagation restores it in every operator of a pipeline that an annotated method
 * returned, so annotated methods called lazily inside that pipeline (in a
 * {@code flatMap}, on another scheduler) nest under the right span.
 * <p>
 * Registered by {@link #register()} after the accessors found through
 * {@code ServiceLoader}, so it is applied after (and closed before) the current
 * observation's accessor, whose scope would otherwise make the outer HTTP span current
 * over the span this one restores.
 */
public final class OpenTelemetryContextThreadLocalAccessor implements ThreadLocalAccessor<Context> {

	/** The context-propagation key, also the Reactor {@code Context} key. */
	public static final String KEY = "llmobs.opentelemetry.context";

	private static final ThreadLocal<Deque<Scope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

	/**
	 * Registers this accessor in the global {@link ContextRegistry}, last; registering
	 * again moves it to the end and is otherwise idempotent.
	 * @return the registered accessor
	 */
	public static OpenTelemetryContextThreadLocalAccessor register() {
		OpenTelemetryContextThreadLocalAccessor accessor = new OpenTelemetryContextThreadLocalAccessor();
		ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
		return accessor;
	}

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public Context getValue() {
		Context current = Context.current();
		boolean worthCarrying = Span.fromContext(current).getSpanContext().isValid()
				|| !LlmObsContext.from(current).isEmpty();
		return worthCarrying ? current : null;
	}

	@Override
	public void setValue(Context value) {
		Span current = Span.current();
		if (startedLater(current, Span.fromContext(value))) {
			// The observation restored just before is newer than the span carried here:
			// an observation started inside the annotated method's pipeline (Spring AI's
			// ChatClient advisors and tool calls across a thread hop). Keep it as the
			// parent, with this context's session and accumulators.
			value = value.with(current);
		}
		scopes.get().push(value.makeCurrent());
	}

	/**
	 * Whether the current span belongs to the same trace as the carried one and started
	 * after it, which within one Reactor pipeline means it was started inside the carried
	 * span's work.
	 */
	private static boolean startedLater(Span current, Span carried) {
		if (!(current instanceof ReadableSpan currentSpan) || !(carried instanceof ReadableSpan carriedSpan)) {
			return false;
		}
		SpanContext currentContext = currentSpan.getSpanContext();
		SpanContext carriedContext = carriedSpan.getSpanContext();
		return currentContext.isValid() && carriedContext.isValid()
				&& !currentContext.getSpanId().equals(carriedContext.getSpanId())
				&& currentContext.getTraceId().equals(carriedContext.getTraceId()) && !currentSpan.hasEnded()
				&& currentSpan.getLatencyNanos() < carriedSpan.getLatencyNanos();
	}

	@Override
	public void setValue() {
		// Nothing to restore: leave whatever the other accessors made current.
		scopes.get().push(Scope.noop());
	}

	@Override
	public void restore(Context previousValue) {
		closeLatest();
	}

	@Override
	public void restore() {
		closeLatest();
	}

	private static void closeLatest() {
		Deque<Scope> open = scopes.get();
		Scope latest = open.poll();
		if (latest != null) {
			latest.close();
		}
		if (open.isEmpty()) {
			scopes.remove();
		}
	}

}
