package dev.llmobs.export;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * The ids of the traces this application started recently, with their local root span
 * ids, so feedback can be tied to a trace long after it left the recent-trace store (and
 * as soon as its response left, before the root span ended). Bounded: the oldest are
 * forgotten first. A span processor that looks only at local root spans as they start.
 * <p>
 * Every request adds one, and only feedback looks one up: the ids are kept in a ring,
 * written without a lock or a hash table (a counter and one slot), and a lookup reads the
 * ring from the newest entry back.
 */
public final class KnownTraces implements SpanProcessor {

	private final AtomicReferenceArray<Root> roots;

	/** How many roots were ever added; the next one goes to this count's slot. */
	private final AtomicLong added = new AtomicLong();

	/**
	 * Creates the registry.
	 * @param capacity the number of trace ids remembered
	 */
	public KnownTraces(int capacity) {
		this.roots = new AtomicReferenceArray<>(Math.max(1, capacity));
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		SpanContext parent = span.getParentSpanContext();
		SpanContext context = span.getSpanContext();
		if (context.isSampled() && (!parent.isValid() || parent.isRemote())) {
			long slot = this.added.getAndIncrement() % this.roots.length();
			this.roots.set((int) slot, new Root(context.getTraceId(), context.getSpanId()));
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

	/**
	 * The local root span id of a trace: of its latest local root, when the application
	 * served it more than once (two requests of one distributed trace).
	 * @param traceId the trace id
	 * @return the span id, or {@code null} when the trace is not known
	 */
	public String rootSpanId(String traceId) {
		int capacity = this.roots.length();
		long newest = this.added.get() - 1;
		for (long i = newest; i >= 0 && i > newest - capacity; i--) {
			Root root = this.roots.get((int) (i % capacity));
			if (root != null && root.traceId().equals(traceId)) {
				return root.spanId();
			}
		}
		return null;
	}

	/** A local root: its trace id and span id. */
	private record Root(String traceId, String spanId) {
	}

}
