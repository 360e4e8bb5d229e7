package dev.llmobs.test.experiment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Keeps, in memory, the ended spans of the traces an experiment is watching (one per
 * example), so evaluators can read what the run did (the documents a retriever returned,
 * the cost, the prompt version). Spans of other traces are ignored; a watched trace keeps
 * at most {@value #MAX_SPANS_PER_TRACE} spans.
 */
public final class ExperimentSpanRecorder implements SpanProcessor {

	/** The most spans kept for one watched trace. */
	public static final int MAX_SPANS_PER_TRACE = 10_000;

	private final Map<String, Spans> watched = new ConcurrentHashMap<>();

	/**
	 * Starts keeping the spans of a trace.
	 * @param traceId the trace id
	 */
	public void watch(String traceId) {
		this.watched.put(traceId, new Spans());
	}

	/**
	 * Stops watching a trace.
	 * @param traceId the trace id
	 * @return the spans ended in it so far
	 */
	public List<SpanData> release(String traceId) {
		Spans spans = this.watched.remove(traceId);
		return (spans != null) ? List.copyOf(spans.spans) : List.of();
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		Spans spans = this.watched.get(span.getSpanContext().getTraceId());
		if (spans != null && spans.count.incrementAndGet() <= MAX_SPANS_PER_TRACE) {
			spans.spans.add(span.toSpanData());
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	@Override
	public CompletableResultCode shutdown() {
		this.watched.clear();
		return CompletableResultCode.ofSuccess();
	}

	private static final class Spans {

		private final ConcurrentLinkedQueue<SpanData> spans = new ConcurrentLinkedQueue<>();

		private final AtomicInteger count = new AtomicInteger();

	}

}
