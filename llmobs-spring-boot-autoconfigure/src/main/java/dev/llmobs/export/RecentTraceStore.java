package dev.llmobs.export;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.opentelemetry.sdk.trace.data.SpanData;

import dev.llmobs.eval.Feedback;

/**
 * The last traces, newest first, bounded by count and by an estimate of their size in
 * memory. Traces with an LLM-observability span are kept apart from the others (health
 * checks, static files, actuator calls), which have a bound of their own and give way
 * first when memory runs short: no amount of other traffic evicts an LLM trace. Adding is
 * a constant-time append; nothing is computed until somebody reads.
 */
public final class RecentTraceStore implements Consumer<CompletedTrace>, TraceAssembler.LateSpanListener {

	private final int maxTraces;

	private final int maxOtherTraces;

	private final long maxBytes;

	private final Deque<CompletedTrace> llmTraces = new ArrayDeque<>();

	private final Deque<CompletedTrace> otherTraces = new ArrayDeque<>();

	private long bytes;

	/** Feedback that arrived before its trace completed (the response left first). */
	private final java.util.Map<String, List<Feedback>> earlyFeedback = new java.util.LinkedHashMap<>(16, 0.75f,
			false) {
		@Override
		protected boolean removeEldestEntry(java.util.Map.Entry<String, List<Feedback>> eldest) {
			return size() > MAX_EARLY_FEEDBACK_TRACES;
		}
	};

	private static final int MAX_EARLY_FEEDBACK_TRACES = 100;

	/**
	 * Creates a store that keeps as many other traces as LLM traces.
	 * @param maxTraces the number of LLM traces kept, and of other traces
	 * @param maxBytes the estimated memory the kept traces may hold
	 */
	public RecentTraceStore(int maxTraces, long maxBytes) {
		this(maxTraces, maxTraces, maxBytes);
	}

	/**
	 * Creates a store.
	 * @param maxTraces the number of traces with an LLM-observability span kept
	 * @param maxOtherTraces the number of other traces kept
	 * @param maxBytes the estimated memory all kept traces may hold
	 */
	public RecentTraceStore(int maxTraces, int maxOtherTraces, long maxBytes) {
		this.maxTraces = maxTraces;
		this.maxOtherTraces = maxOtherTraces;
		this.maxBytes = maxBytes;
	}

	@Override
	public synchronized void accept(CompletedTrace trace) {
		if (!this.earlyFeedback.isEmpty()) {
			List<Feedback> early = this.earlyFeedback.remove(trace.traceId());
			if (early != null) {
				for (Feedback feedback : early) {
					trace = trace.withFeedback(feedback);
				}
			}
		}
		(trace.isLlm() ? this.llmTraces : this.otherTraces).addFirst(trace);
		this.bytes += trace.approximateBytes();
		evict();
	}

	@Override
	public synchronized void lateSpan(SpanData span, long approximateBytes) {
		if (!replaceWithLateSpan(this.llmTraces, span, approximateBytes)) {
			replaceWithLateSpan(this.otherTraces, span, approximateBytes);
		}
	}

	private boolean replaceWithLateSpan(Deque<CompletedTrace> traces, SpanData span, long approximateBytes) {
		int newer = positionOf(traces, span.getTraceId());
		if (newer < 0) {
			return false;
		}
		// a late span comes soon after its trace: only the few newer traces are moved
		CompletedTrace[] front = new CompletedTrace[newer];
		for (int i = 0; i < newer; i++) {
			front[i] = traces.pollFirst();
		}
		CompletedTrace extended = traces.pollFirst().with(List.of(span), approximateBytes);
		if (traces == this.otherTraces && extended.isLlm()) {
			// a late LLM span (an evaluation) makes the trace an LLM trace
			this.llmTraces.addFirst(extended);
		}
		else {
			traces.addFirst(extended);
		}
		for (int i = newer - 1; i >= 0; i--) {
			traces.addFirst(front[i]);
		}
		this.bytes += approximateBytes;
		evict();
		return true;
	}

	/** How many traces are newer than the one with an id, or -1 when it is not held. */
	private static int positionOf(Deque<CompletedTrace> traces, String traceId) {
		int position = 0;
		for (CompletedTrace trace : traces) {
			if (trace.traceId().equals(traceId)) {
				return position;
			}
			position++;
		}
		return -1;
	}

	/**
	 * Attaches feedback to its trace when the trace is kept, or to the trace when it
	 * completes, if that is soon (feedback can be sent as soon as the response leaves,
	 * before the trace's root span ends).
	 * @param feedback the feedback
	 * @return whether the trace was kept
	 */
	public synchronized boolean addFeedback(Feedback feedback) {
		for (Deque<CompletedTrace> traces : List.of(this.llmTraces, this.otherTraces)) {
			List<CompletedTrace> rebuilt = new ArrayList<>(traces);
			for (int i = 0; i < rebuilt.size(); i++) {
				CompletedTrace trace = rebuilt.get(i);
				if (trace.traceId().equals(feedback.traceId())) {
					CompletedTrace updated = trace.withFeedback(feedback);
					rebuilt.set(i, updated);
					traces.clear();
					traces.addAll(rebuilt);
					this.bytes += updated.approximateBytes() - trace.approximateBytes();
					evict();
					return true;
				}
			}
		}
		List<Feedback> early = this.earlyFeedback.computeIfAbsent(feedback.traceId(), (id) -> new ArrayList<>());
		if (early.size() < CompletedTrace.MAX_FEEDBACK) {
			early.add(feedback);
		}
		return false;
	}

	private void evict() {
		while (this.otherTraces.size() > this.maxOtherTraces) {
			this.bytes -= this.otherTraces.removeLast().approximateBytes();
		}
		while (this.llmTraces.size() > this.maxTraces) {
			this.bytes -= this.llmTraces.removeLast().approximateBytes();
		}
		while (this.bytes > this.maxBytes && !this.otherTraces.isEmpty()
				&& this.otherTraces.size() + this.llmTraces.size() > 1) {
			this.bytes -= this.otherTraces.removeLast().approximateBytes();
		}
		while (this.bytes > this.maxBytes && this.llmTraces.size() > 1) {
			this.bytes -= this.llmTraces.removeLast().approximateBytes();
		}
	}

	/**
	 * All traces kept, the most recently completed first.
	 * @return a snapshot
	 */
	public synchronized List<CompletedTrace> traces() {
		List<CompletedTrace> all = new ArrayList<>(this.llmTraces.size() + this.otherTraces.size());
		all.addAll(this.llmTraces);
		all.addAll(this.otherTraces);
		all.sort(Comparator.comparingLong((CompletedTrace trace) -> trace.root().getEndEpochNanos()).reversed());
		return List.copyOf(all);
	}

	/**
	 * The traces with an LLM-observability span, then the others, each newest first.
	 * @return a snapshot
	 */
	public synchronized List<CompletedTrace> llmTracesFirst() {
		List<CompletedTrace> all = new ArrayList<>(this.llmTraces.size() + this.otherTraces.size());
		all.addAll(this.llmTraces);
		all.addAll(this.otherTraces);
		return List.copyOf(all);
	}

	/**
	 * The traces with an LLM-observability span, newest first.
	 * @return a snapshot
	 */
	public synchronized List<CompletedTrace> llmTraces() {
		return List.copyOf(this.llmTraces);
	}

	/**
	 * One trace by id.
	 * @param traceId the trace id
	 * @return the trace, if still kept
	 */
	public synchronized Optional<CompletedTrace> trace(String traceId) {
		for (Deque<CompletedTrace> traces : List.of(this.llmTraces, this.otherTraces)) {
			for (CompletedTrace trace : traces) {
				if (trace.traceId().equals(traceId)) {
					return Optional.of(trace);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The estimated memory held.
	 * @return bytes
	 */
	public synchronized long approximateBytes() {
		return this.bytes;
	}

}
