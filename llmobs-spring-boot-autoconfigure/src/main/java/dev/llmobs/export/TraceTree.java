package dev.llmobs.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The spans of a trace as a tree, children in start order.
 *
 * @param span the span
 * @param children its children
 */
public record TraceTree(SpanData span, List<TraceTree> children) {

	/**
	 * Builds the trees of a trace: usually one, more when a parent was not kept.
	 * @param spans the spans
	 * @return the roots
	 */
	public static List<TraceTree> of(List<SpanData> spans) {
		Map<String, List<SpanData>> childrenOf = new HashMap<>();
		Set<String> ids = new HashSet<>();
		for (SpanData span : spans) {
			ids.add(span.getSpanId());
		}
		List<SpanData> roots = new ArrayList<>();
		for (SpanData span : spans) {
			String parent = span.getParentSpanId();
			if (span.getParentSpanContext().isValid() && ids.contains(parent)) {
				childrenOf.computeIfAbsent(parent, (key) -> new ArrayList<>()).add(span);
			}
			else {
				roots.add(span);
			}
		}
		return build(roots, childrenOf);
	}

	private static List<TraceTree> build(List<SpanData> spans, Map<String, List<SpanData>> childrenOf) {
		List<SpanData> sorted = new ArrayList<>(spans);
		sorted.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
		List<TraceTree> trees = new ArrayList<>();
		for (SpanData span : sorted) {
			trees.add(new TraceTree(span, build(childrenOf.getOrDefault(span.getSpanId(), List.of()), childrenOf)));
		}
		return trees;
	}

}
