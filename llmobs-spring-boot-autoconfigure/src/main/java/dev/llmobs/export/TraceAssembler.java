package dev.llmobs.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Groups ended spans by trace and hands each trace on when its local root span ends.
 * Memory is bounded: at most {@code maxOpenTraces} traces are assembled at once (the
 * oldest is given up) and at most {@code maxSpansPerTrace} spans are kept per trace.
 * Spans that end after their root (asynchronous evaluations) are handed on as late
 * additions.
 */
public final class TraceAssembler implements EndOnlySpanProcessor {

	private final int maxOpenTraces;

	private final int maxSpansPerTrace;

	private final List<Consumer<CompletedTrace>> listeners;

	private final Map<String, Open> open;

	private final Map<String, Boolean> recentlyCompleted;

	private final List<LateSpanListener> lateListeners;

	/**
	 * Receives spans that ended after their trace was handed on.
	 */
	@FunctionalInterface
	public interface LateSpanListener {

		/**
		 * A span of an already completed trace ended.
		 * @param span the span
		 * @param approximateBytes its size estimate
		 */
		void lateSpan(SpanData span, long approximateBytes);

	}

	/**
	 * Creates an assembler.
	 * @param maxOpenTraces traces assembled at once
	 * @param maxSpansPerTrace spans kept per trace
	 * @param listeners receive completed traces
	 * @param lateListeners receive spans ending after their trace completed
	 */
	public TraceAssembler(int maxOpenTraces, int maxSpansPerTrace, List<Consumer<CompletedTrace>> listeners,
			List<LateSpanListener> lateListeners) {
		this.maxOpenTraces = maxOpenTraces;
		this.maxSpansPerTrace = maxSpansPerTrace;
		this.listeners = List.copyOf(listeners);
		this.lateListeners = List.copyOf(lateListeners);
		this.open = new LinkedHashMap<>(16, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Open> eldest) {
				return size() > TraceAssembler.this.maxOpenTraces;
			}
		};
		this.recentlyCompleted = new LinkedHashMap<>(16, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > TraceAssembler.this.maxOpenTraces;
			}
		};
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (!span.getSpanContext().isSampled()) {
			return;
		}
		SpanData data = span.toSpanData();
		String traceId = data.getTraceId();
		boolean localRoot = !data.getParentSpanContext().isValid() || data.getParentSpanContext().isRemote();
		CompletedTrace completed = null;
		boolean late = false;
		long bytes = estimateBytes(data);
		synchronized (this) {
			if (this.recentlyCompleted.containsKey(traceId)) {
				late = true;
			}
			else {
				Open trace = this.open.computeIfAbsent(traceId, (id) -> new Open());
				if (trace.spans.size() < this.maxSpansPerTrace) {
					trace.spans.add(data);
					trace.bytes += bytes;
				}
				if (localRoot) {
					this.open.remove(traceId);
					this.recentlyCompleted.put(traceId, Boolean.TRUE);
					completed = new CompletedTrace(traceId, data, List.copyOf(trace.spans), trace.bytes);
				}
			}
		}
		if (late) {
			for (LateSpanListener listener : this.lateListeners) {
				listener.lateSpan(data, bytes);
			}
		}
		if (completed != null) {
			for (Consumer<CompletedTrace> listener : this.listeners) {
				listener.accept(completed);
			}
		}
	}

	static long estimateBytes(SpanData span) {
		long[] bytes = { 200 };
		// forEach: asMap() would build a map of every span's attributes
		span.getAttributes()
			.forEach((key, value) -> bytes[0] += 2L * key.getKey().length() + 32
					+ ((value instanceof String text) ? 2L * text.length() : 16));
		return bytes[0];
	}

	private static final class Open {

		final List<SpanData> spans = new ArrayList<>();

		long bytes;

	}

}
