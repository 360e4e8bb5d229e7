package dev.llmobs.sampling;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.sdk.trace.data.SpanData;

import dev.llmobs.trace.LlmObsAttributes;

/**
 * The spans of one trace held until the trace is decided, with what the rules have found
 * so far.
 */
final class PendingTrace {

	private static final int SPAN_OVERHEAD_BYTES = 256;

	final String traceId;

	final List<SpanData> spans = new ArrayList<>();

	long bytes;

	double cost;

	String reason;

	SpanData root;

	boolean llm;

	long rootSeenNanos;

	PendingTrace(String traceId) {
		this.traceId = traceId;
	}

	/**
	 * Adds a span and applies the span-level rules to it.
	 * @return the estimated bytes the span holds
	 */
	long add(SpanData span, SamplingRules rules, long nowNanos) {
		this.spans.add(span);
		this.cost += SamplingRules.costOf(span);
		this.llm = this.llm || LlmObsAttributes.isLlmObservabilitySpan(span.getAttributes());
		if (this.reason == null) {
			this.reason = rules.reasonOf(span);
		}
		if (isLocalRoot(span)) {
			this.root = span;
			this.rootSeenNanos = nowNanos;
			// a chain root carries its calls' total; prefer it when it says more
			Double total = span.getAttributes().get(LlmObsAttributes.LLMOBS_TRACE_COST);
			if (total != null && total > this.cost) {
				this.cost = total;
			}
		}
		long size = estimateBytes(span);
		this.bytes += size;
		return size;
	}

	static boolean isLocalRoot(SpanData span) {
		return !span.getParentSpanContext().isValid() || span.getParentSpanContext().isRemote();
	}

	/** A rough estimate: a fixed overhead plus two bytes per character of text values. */
	static long estimateBytes(SpanData span) {
		long[] bytes = { SPAN_OVERHEAD_BYTES };
		span.getAttributes()
			.forEach((key, value) -> bytes[0] += 32 + 2L * key.getKey().length()
					+ ((value instanceof String text) ? 2L * text.length() : 16));
		bytes[0] += 128L * span.getEvents().size();
		return bytes[0];
	}

}
