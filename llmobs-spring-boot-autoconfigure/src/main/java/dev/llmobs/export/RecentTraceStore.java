package dev.llmobs.export;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The last traces, newest first, bounded by count and by an estimate of their size in
 * memory. Adding is a constant-time append; nothing is computed until somebody reads.
 */
public final class RecentTraceStore implements Consumer<CompletedTrace>, TraceAssembler.LateSpanListener {

	private final int maxTraces;

	private final long maxBytes;

	private final Deque<CompletedTrace> traces = new ArrayDeque<>();

	private long bytes;

	/**
	 * Creates a store.
	 * @param maxTraces the number of traces kept
	 * @param maxBytes the estimated memory the kept traces may hold
	 */
	public RecentTraceStore(int maxTraces, long maxBytes) {
		this.maxTraces = maxTraces;
		this.maxBytes = maxBytes;
	}

	@Override
	public synchronized void accept(CompletedTrace trace) {
		this.traces.addFirst(trace);
		this.bytes += trace.approximateBytes();
		evict();
	}

	@Override
	public synchronized void lateSpan(SpanData span, long approximateBytes) {
		for (Iterator<CompletedTrace> iterator = this.traces.iterator(); iterator.hasNext();) {
			CompletedTrace trace = iterator.next();
			if (trace.traceId().equals(span.getTraceId())) {
				List<CompletedTrace> rebuilt = new ArrayList<>(this.traces);
				rebuilt.set(rebuilt.indexOf(trace), trace.with(List.of(span), approximateBytes));
				this.traces.clear();
				this.traces.addAll(rebuilt);
				this.bytes += approximateBytes;
				evict();
				return;
			}
		}
	}

	private void evict() {
		while (this.traces.size() > this.maxTraces || (this.bytes > this.maxBytes && this.traces.size() > 1)) {
			this.bytes -= this.traces.removeLast().approximateBytes();
		}
	}

	/**
	 * The traces kept, newest first.
	 * @return a snapshot
	 */
	public synchronized List<CompletedTrace> traces() {
		return List.copyOf(this.traces);
	}

	/**
	 * One trace by id.
	 * @param traceId the trace id
	 * @return the trace, if still kept
	 */
	public synchronized Optional<CompletedTrace> trace(String traceId) {
		return this.traces.stream().filter((trace) -> trace.traceId().equals(traceId)).findFirst();
	}

	/**
	 * The estimated memory held.
	 * @return bytes
	 */
	public synchronized long approximateBytes() {
		return this.bytes;
	}

}
