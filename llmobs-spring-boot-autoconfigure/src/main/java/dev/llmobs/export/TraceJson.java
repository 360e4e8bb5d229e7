package dev.llmobs.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

import dev.llmobs.trace.LlmObsAttributes;

/**
 * Renders kept traces as JSON-ready maps, for {@code /actuator/llmobs} and the trace
 * viewer.
 */
public final class TraceJson {

	private static final int PREVIEW = 500;

	private TraceJson() {
	}

	/**
	 * A trace's summary with the question and answer of its top chain, for lists of
	 * turns.
	 * @param trace the trace
	 * @return the summary
	 */
	public static Map<String, Object> summaryWithTurn(CompletedTrace trace) {
		TraceSummary summary = trace.summary();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("traceId", summary.traceId());
		result.put("rootName", summary.rootName());
		result.put("startEpochMillis", summary.startEpochMillis());
		result.put("durationMillis", summary.durationMillis());
		result.put("spanCount", summary.spanCount());
		result.put("totalTokens", summary.totalTokens());
		result.put("costUsd", summary.costUsd());
		result.put("evaluationsPassed", summary.evaluationsPassed());
		result.put("evaluationsFailed", summary.evaluationsFailed());
		result.put("sessionId", summary.sessionId());
		result.put("userId", summary.userId());
		result.put("error", summary.error());
		result.put("llm", summary.llm());
		result.put("workflowName", summary.workflowName());
		result.put("inputPreview", summary.inputPreview());
		result.put("outputPreview", summary.outputPreview());
		result.put("feedback", summary.feedback());
		trace.spans()
			.stream()
			.filter((span) -> "chain".equals(span.getAttributes().get(LlmObsAttributes.LLMOBS_SPAN_KIND)))
			.min(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
			.ifPresent((chain) -> {
				result.put("question", preview(chain.getAttributes().get(LlmObsAttributes.INPUT_VALUE)));
				result.put("answer", preview(chain.getAttributes().get(LlmObsAttributes.OUTPUT_VALUE)));
			});
		return result;
	}

	private static String preview(String text) {
		return (text != null && text.length() > PREVIEW) ? text.substring(0, PREVIEW) + "…" : text;
	}

	/**
	 * One trace as JSON-ready maps: its summary and its span tree, every attribute and
	 * event.
	 * @param trace the trace
	 * @return the description
	 */
	public static Map<String, Object> describe(CompletedTrace trace) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("summary", trace.summary());
		List<Map<String, Object>> roots = new ArrayList<>();
		for (TraceTree tree : TraceTree.of(trace.spans())) {
			roots.add(describe(tree));
		}
		result.put("spans", roots);
		return result;
	}

	private static Map<String, Object> describe(TraceTree tree) {
		SpanData span = tree.span();
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("spanId", span.getSpanId());
		node.put("parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : null);
		node.put("name", span.getName());
		node.put("kind", span.getAttributes().get(LlmObsAttributes.LLMOBS_SPAN_KIND));
		node.put("spanKind", span.getKind().name());
		node.put("startEpochMicros", span.getStartEpochNanos() / 1000);
		node.put("durationMillis", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000.0);
		node.put("status", span.getStatus().getStatusCode().name());
		node.put("statusMessage", span.getStatus().getDescription());
		node.put("attributes", attributes(span.getAttributes()));
		List<Map<String, Object>> events = new ArrayList<>();
		for (EventData event : span.getEvents()) {
			Map<String, Object> described = new LinkedHashMap<>();
			described.put("name", event.getName());
			described.put("attributes", attributes(event.getAttributes()));
			events.add(described);
		}
		node.put("events", events);
		List<Map<String, Object>> links = new ArrayList<>();
		for (LinkData link : span.getLinks()) {
			links.add(
					Map.of("traceId", link.getSpanContext().getTraceId(), "spanId", link.getSpanContext().getSpanId()));
		}
		node.put("links", links);
		List<Map<String, Object>> children = new ArrayList<>();
		for (TraceTree child : tree.children()) {
			children.add(describe(child));
		}
		node.put("children", children);
		return node;
	}

	private static Map<String, Object> attributes(Attributes attributes) {
		Map<String, Object> result = new java.util.TreeMap<>();
		attributes.forEach((key, value) -> result.put(key.getKey(), value));
		return result;
	}

}
