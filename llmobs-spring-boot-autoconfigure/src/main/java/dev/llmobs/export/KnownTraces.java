package dev.llmobs.export;

import java.util.LinkedHashMap;
import java.util.Map;

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
 */
public final class KnownTraces implements SpanProcessor {

	private final Map<String, String> rootSpanIds;

	/**
	 * Creates the registry.
	 * @param capacity the number of trace ids remembered
	 */
	public KnownTraces(int capacity) {
		this.rootSpanIds = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
				return size() > capacity;
			}
		};
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		SpanContext parent = span.getParentSpanContext();
		if (span.getSpanContext().isSampled() && (!parent.isValid() || parent.isRemote())) {
			synchronized (this) {
				this.rootSpanIds.put(span.getSpanContext().getTraceId(), span.getSpanContext().getSpanId());
			}
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
	 * The local root span id of a trace.
	 * @param traceId the trace id
	 * @return the span id, or {@code null} when the trace is not known
	 */
	public synchronized String rootSpanId(String traceId) {
		return this.rootSpanIds.get(traceId);
	}

}
